"""Name lists for finding people in fiction (written for fabula, MIT, no third-party data).

``HYPOCORISMS`` maps pet names to the given name they shorten, so ``Lizzy`` and ``Elizabeth``
end up as one character; given names tell a character's sex.  The word lists other stages share
(titles, stop words, gendered nouns) are in :mod:`fabula.lexicon`.
"""

from __future__ import annotations

# Pet names -> given names.  Written for fabula from common English usage (public knowledge).
HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "lizzy": ("elizabeth",), "lizzie": ("elizabeth",), "liz": ("elizabeth",), "eliza": ("elizabeth",),
    "beth": ("elizabeth",), "betsy": ("elizabeth",), "betty": ("elizabeth",), "bess": ("elizabeth",),
    "bessie": ("elizabeth",), "libby": ("elizabeth",), "kitty": ("catherine", "katherine"),
    "kate": ("catherine", "katherine"), "katie": ("catherine", "katherine"), "cathy": ("catherine",),
    "kathy": ("katherine",), "peggy": ("margaret",), "meg": ("margaret",), "maggie": ("margaret",),
    "daisy": ("margaret",), "polly": ("mary",), "molly": ("mary",), "mamie": ("mary",),
    "nancy": ("anne", "ann", "anna"), "annie": ("anne", "ann", "anna"), "nan": ("anne", "ann"),
    "jenny": ("jane", "jennifer"), "jinny": ("jane",), "janey": ("jane",), "sally": ("sarah",),
    "sukey": ("susan",), "sue": ("susan",), "susie": ("susan",), "patty": ("martha",), "mattie": ("martha",),
    "fanny": ("frances",), "franny": ("frances",), "nell": ("eleanor", "helen", "ellen"),
    "nelly": ("eleanor", "helen", "ellen"), "ella": ("eleanor",), "becky": ("rebecca",),
    "dolly": ("dorothy",), "dot": ("dorothy",), "tilly": ("matilda",), "milly": ("mildred", "amelia"),
    "emmy": ("emma", "emily"), "em": ("emma", "emily"), "jo": ("josephine",), "josie": ("josephine",),
    "lottie": ("charlotte",), "lotty": ("charlotte",), "carrie": ("caroline",), "caro": ("caroline",),
    "letty": ("letitia",), "lucy": ("lucia",), "bella": ("isabella", "arabella"), "isa": ("isabella",),
    "tom": ("thomas",), "tommy": ("thomas",), "bill": ("william",), "billy": ("william",),
    "will": ("william",), "willy": ("william",), "willie": ("william",), "bob": ("robert",),
    "bobby": ("robert",), "rob": ("robert",), "robin": ("robert",), "dick": ("richard",),
    "rick": ("richard",), "dickon": ("richard",), "jack": ("john",), "johnny": ("john",),
    "jim": ("james",), "jimmy": ("james",), "jamie": ("james",), "jem": ("james",),
    "ned": ("edward",), "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"),
    "eddie": ("edward",), "harry": ("henry", "harold"), "hal": ("henry",), "hank": ("henry",),
    "charlie": ("charles",), "charley": ("charles",), "charly": ("charles",), "chuck": ("charles",), "fred": ("frederick",), "freddy": ("frederick",),
    "freddie": ("frederick",), "fritz": ("frederick",), "joe": ("joseph",), "joey": ("joseph",),
    "sam": ("samuel",), "sammy": ("samuel",), "ben": ("benjamin",), "benny": ("benjamin",),
    "nick": ("nicholas",), "nicky": ("nicholas",), "mike": ("michael",), "mick": ("michael",),
    "andy": ("andrew",), "drew": ("andrew",), "tony": ("anthony",), "dan": ("daniel",),
    "danny": ("daniel",), "dave": ("david",), "davy": ("david",), "steve": ("stephen", "steven"),
    "phil": ("philip",), "pip": ("philip",), "matt": ("matthew",), "pat": ("patrick",),
    "paddy": ("patrick",), "larry": ("lawrence",), "walt": ("walter",), "wat": ("walter",),
    "alec": ("alexander",), "alex": ("alexander",), "sandy": ("alexander",), "sasha": ("alexander",),
    "gus": ("augustus",), "archie": ("archibald",), "bertie": ("albert", "herbert", "bertram"),
    "bert": ("albert", "herbert"), "nat": ("nathaniel",), "geoff": ("geoffrey",), "jeff": ("jeffrey",),
    "ralph": ("ralph",), "hugh": ("hugh",), "chris": ("christopher",),
    "georgie": ("george", "georgiana"), "fitz": ("fitzwilliam",), "jake": ("jacob",), "jerry": ("jeremiah", "gerald"),
    "kit": ("christopher", "catherine", "katherine"), "ike": ("isaac",), "abe": ("abraham",), "zeke": ("ezekiel",), "gene": ("eugene",), "herb": ("herbert",),
    "evie": ("evelyn", "eve"), "nance": ("nancy", "anne"), "gil": ("gilbert",), "frank": ("francis", "franklin"),
    "ollie": ("oliver",), "deb": ("deborah",), "debby": ("deborah",), "debbie": ("deborah",),
    "gertie": ("gertrude",), "hattie": ("harriet",), "sophy": ("sophia",),
    "theo": ("theodore",), "maddie": ("madison", "madeline"), "mads": ("madison", "madeline"), "liv": ("olivia",),
    "livvy": ("olivia",),
}

# Given names with the sex they almost always carry in English fiction (written for fabula from common
# knowledge; names used for both sexes - Jo, Evelyn, Marion, Leslie - are left out).  Pet names are
# looked up through ``HYPOCORISMS``.
FEMALE_NAMES = frozenset("""
mary elizabeth anne ann anna jane margaret catherine katherine kate sarah susan emma emily charlotte harriet
fanny frances lucy lydia maria marianne elinor eleanor ellen helen isabella isabel julia caroline georgiana
louisa laura alice edith florence grace rosa amy beth meg clara dora dorothy agnes annie bessie betsy betty
bella hannah martha rachel rebecca ruth esther judith miriam nancy nelly polly molly peggy sally kitty lizzy
lizzie maggie jenny jennie ella ethel mabel maud maude gertrude beatrice cecilia cecily sophia sophie olivia
violet daisy lily iris ivy hester hetty phoebe priscilla rosamond rosamund dinah tess tessa adela adele
blanche amelia cornelia diana henrietta janet joan josephine juliet lilian lillian louise
lucilla lucille mildred minnie nora norah pauline philippa rhoda sybil sibyl theresa teresa ursula vera
victoria winifred millie carrie letty lottie tilly hilda ida irene madeline marjorie matilda milly muriel
myra nell olive prudence rosalind rowena sylvia veronica virginia zoe cynthia deborah delia eliza emmeline
eugenia euphemia evangeline flora georgina gwendolen honoria imogen leonora letitia lavinia adelaide ada
alma aurora bertha celia clarissa constance edna elsie elsa eva fay gladys gwen hattie helena jessie
jessica katy lena lois mamie marie mattie nan nettie ophelia pearl rosie sadie susie tabitha viola
marguerite madeleine jeanne yvonne augusta arabella drusilla honora lettice mercy temperance
""".split())
MALE_NAMES = frozenset("""
john james william george thomas charles henry edward robert richard joseph samuel david peter paul michael
philip arthur frederick francis walter albert alfred harry tom jack jim bill bob dick ned ted ben sam joe
frank fred hugh ralph roger stephen andrew anthony benjamin daniel edmund edgar ernest eugene gerald
gilbert godfrey harold herbert horace isaac jacob jasper jeremiah jerry jesse lawrence leonard lewis louis
luke mark martin matthew maurice nathaniel nicholas oliver oscar owen patrick percy reginald roderick
rupert silas simon theodore timothy tristram victor vincent wilfred basil cecil claude clement cyril
dennis douglas duncan felix gabriel geoffrey giles gregory guy humphrey ivan jonathan julian kenneth
lionel marcus max miles neville noel norman oswald quentin raymond rex rodney roland rufus sebastian
sidney spencer stanley sylvester toby tony warren wilbur allan alan adam abraham aaron christopher
clarence cuthbert dudley elijah emmanuel ezra gideon hector jerome lancelot lemuel leopold moses obadiah
reuben rowland solomon theophilus ulysses uriah valentine zachary pierre jacques
jean-baptiste hans karl otto ivan dmitri sergei pavel carlos juan pedro antonio giovanni giuseppe
""".split())

# Given names of present-day fiction (web serials, fan fiction, YA), with the sex they carry there; names
# for both sexes (Jody, Riley, Quinn, Kai, Rowan, Brett), everyday words (Hope, Jade, Hunter, Chase) and common
# surnames (Lucas, Derek, Brooke, Whitney: Miss Derek, Lady Lucas, Mr. Brooke) are left out.
FEMALE_NAMES |= frozenset("""
aria ava mia madison harper maya chloe sienna nadia priya vanessa ilsa ilse lise elise kayla kaylee hailey
haley zoey abigail addison camila natalie nicole samantha stephanie melissa amanda michelle jennifer kimberly
lauren megan brittany tiffany tanya monica erica erika kristen kirsten krista danielle gabrielle gabriella
isabelle isla layla leah lila lola mila nina penelope sabrina savannah scarlett serena sofia stella valentina
valerie vivian jasmine yasmin zara freya elena alina anya ingrid greta heidi astrid sigrid natasha tatiana
lucia carmen marisol ximena daniela adriana fatima aisha amira leila mariam ayesha anjali kavya neha pooja
claire claudia diane denise donna karen linda lisa sandra sharon tina wendy marcy mandy becca ellie gemma
kirsty kendra keisha tamara bianca alyssa ariana brianna cassandra cassie gianna jocelyn kathryn kristina
christina maddie mackenzie makayla melanie miranda naomi rebekah renee rosalie selena yvette luna elsa lina
mara thea nadine simone chantal monique
""".split())
MALE_NAMES |= frozenset("""
ethan jonah liam noah logan luca marco dante jace jayden aiden caleb connor dylan evan gavin ian isaiah jason
jeremy josh joshua justin kevin kyle levi lorenzo malik mateo nathan omar ryan xavier zach zack brandon brian
bryan chad cody colin devin dominic dustin eric gary greg jared kurt neil rafael raul ricardo roberto
alejandro diego javier miguel santiago mohammed muhammad ahmed hassan yusuf rahul arjun ravi vikram devendra
callum finn rory angus hamish euan lachlan declan sean shane seamus brendan cormac gunnar lars sven bjorn erik
anders nils olaf rolf stefan klaus dieter wolfgang heinrich friedrich oswin edwin cedric damian damon elias
emmett ezekiel kieran killian leo lucian lucius matteo maximilian milo nico rhys ronan soren tobias tristan
zane axel brody jaxon marcel luis jorge
""".split())


def known_given(tok: str) -> bool:
    """A given name of the name lists (or a pet name of one): "Jane" may open every sentence she is in."""
    low = tok.lower()
    return any(n in FEMALE_NAMES or n in MALE_NAMES for n in (low, *HYPOCORISMS.get(low, ())))
