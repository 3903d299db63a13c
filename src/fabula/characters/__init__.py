"""Stage "characters": who is in the story, by what names, and where they are named.

Candidates come from NER and from what NER misses in fiction (honorifics, speech cues,
vocatives); junk is filtered by usage; aliases are clustered (``cluster.py``); every name is
then found again in the text with one regex, which gives ``Mention`` spans and counts.
With a user-supplied cast the cast's names are matched, ids ``C1..Cn`` in cast order, with the name
forms the text gives them (found as above and clustered with a member's listed names); found persons
outside the cast are left out.

Modules: ``detect`` (candidates), ``cluster`` (aliases), ``nominal`` and ``links`` (descriptions
and the names beside them), ``discover`` (the cast found without help), ``supplied`` (a given cast),
``mentions`` (finding the forms again, pronoun votes), ``assemble`` (``Character`` records).
"""

from __future__ import annotations

from fabula.characters.discover import discover
from fabula.characters.supplied import NARRATOR_ALIASES, from_cast
from fabula.model import Story
from fabula.pipeline import Context, stage

__all__ = ["characters_stage", "discover", "from_cast", "NARRATOR_ALIASES"]


@stage("characters", requires=("text", "paragraphs", "sentences", "entities", "quotes"), provides=("characters", "mentions"))
def characters_stage(story: Story, context: Context) -> dict:
    if context.cast:
        chars, mentions = from_cast(story, context.cast)
    else:
        chars, mentions = discover(story)
    return {"characters": chars, "mentions": mentions}
