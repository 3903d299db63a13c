"""Word lists for finding people in fiction (written for fabula, MIT, no third-party data).

Honorifics carry a gender where the title does; ``NOT_NAMES`` are capitalised words that NER
and the cue patterns keep offering as people; ``HYPOCORISMS`` maps pet names to the given
name they shorten, so ``Lizzy`` and ``Elizabeth`` end up as one character.
"""

from __future__ import annotations

# title (lower case, no dot) -> gender it implies ("X": none); ``GIVEN_TITLES`` take a given name.
HONORIFICS: dict[str, str] = {
    "mr": "M", "mister": "M", "messrs": "M", "mrs": "F", "missus": "F", "miss": "F", "ms": "F",
    "master": "M", "madame": "F", "madam": "F", "mme": "F", "mlle": "F", "mademoiselle": "F",
    "monsieur": "M", "m": "M", "herr": "M", "frau": "F", "fraulein": "F", "signor": "M", "signora": "F",
    "signorina": "F", "senor": "M", "senora": "F", "don": "M", "dona": "F",
    "lady": "F", "lord": "M", "sir": "M", "dame": "F", "dr": "X", "doctor": "X", "professor": "X",
    "prof": "X", "captain": "M", "capt": "M", "colonel": "M", "col": "M", "general": "M", "major": "M",
    "lieutenant": "M", "lt": "M", "sergeant": "M", "sgt": "M", "admiral": "M", "inspector": "M",
    "detective": "X", "constable": "M", "father": "M", "brother": "M", "sister": "F", "mother": "F",
    "aunt": "F", "auntie": "F", "uncle": "M", "cousin": "X", "reverend": "M", "rev": "M", "parson": "M",
    "prince": "M", "princess": "F", "king": "M", "queen": "F", "duke": "M", "duchess": "F",
    "count": "M", "countess": "F", "baron": "M", "baroness": "F", "marquis": "M", "marquise": "F",
    "grandma": "F", "grandpa": "M", "granny": "F", "nurse": "F", "judge": "X", "governor": "M",
    "mistress": "F", "squire": "M",
}
GIVEN_TITLES = frozenset({
    "lady", "sir", "lord", "dame", "aunt", "auntie", "uncle", "cousin", "brother", "sister", "father",
    "mother", "prince", "princess", "king", "queen", "grandma", "grandpa", "granny", "nurse",
    "master", "mistress", "don", "dona",
})
# Titles that stand for a person alone only in a vocative ("Yes, Sir") - never a character name.
BARE_TITLES = frozenset(HONORIFICS)

# Capitalised words that are not people (lower case).
NOT_NAMES = frozenset("""
i i'm i'll i've i'd me my mine myself we us our you your yours he him his she her hers it its they them their
the a an and but or nor for so yet if then than that this these those there here where when why how what who
whom which whose while though although because since until unless after before once as at by in on of to
with without from into onto upon over under about above below between through during against among
yes no not oh ah ha aha eh hey hi hello goodbye bye well now why indeed alas nay yea ay aye okay ok hmm hm
good bad dear dearest poor old young little great new first last next other another every each all any some
none nothing something anything everything everyone everybody someone somebody anyone anybody nobody
god lord heaven heavens hell christ jesus providence fate fortune nature death love mamma mama papa pa ma
mum mom dad daddy mummy mommy sir madam ma'am mister miss mrs mr ms dr master mistress lady gentleman
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
christmas easter michaelmas lent whitsun sabbath
english french german italian spanish russian american british irish scotch scottish indian chinese
england france germany italy spain russia america london paris rome europe india
chapter book volume part section page note footnote the end finis
mr. mrs. dr. st. no. vol.
say said tell told ask asked go come look see let let's come please thank thanks sorry pray perhaps
really quite very just only still even also too again never always sometimes often ever
one two three four five six seven eight nine ten hundred thousand
street road lane house hall park square court castle abbey church town city village county
drive avenue boulevard terrace crescent gardens hotel inn tavern club station bridge academy
north south east west
yeah yep yup nope nah sure later sorry stop wait listen hey fine right alright man dude babe baby honey
darling sweetheart sweetie love guys boys girls everyone folks mate buddy kid kids son boy girl bro sis
hullo hallo halloa heyday psha pshaw tcha tut anyhow whizz huzza hurrah hurray bravo nonsense goodness gracious
mercy humph hum bah pooh faith egad zounds gad blaspheme to-morrow to-day to-night yesterday farewell adieu
remember forget imagine believe try give take get make keep leave stay stand sit run hurry hold tell
hush quick careful enough congratulations cheers welcome morning evening night afternoon tomorrow today
""".split())

# Words of ``NOT_NAMES`` that are names too: surnames after a title ("Mr. Hall", "Mrs. Young", "Miss May")
# and nicknames, kept when they speak ("said Good", "Irish agreed").
SURNAME_WORDS = frozenset("""
hall house street lane park court church castle abbey north south east west young little good old new
love may june april march august hope fortune bell grace faith joy rose
english french irish scotch dutch
""".split())

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
    "ralph": ("ralph",), "hugh": ("hugh",), "kit": ("christopher",), "chris": ("christopher",),
    "georgie": ("george", "georgiana"), "fitz": ("fitzwilliam",), "jake": ("jacob",), "jerry": ("jeremiah", "gerald"),
    "ike": ("isaac",), "abe": ("abraham",), "zeke": ("ezekiel",), "gene": ("eugene",), "herb": ("herbert",),
}

# Heads of nominal references that carry a gender ("his lady", "the old man").
FEMALE_NOUNS = frozenset("""
woman lady girl wife mother mamma mama mum mom daughter sister aunt niece grandmother widow
maid maiden queen princess duchess countess hostess mistress governess nurse bride
""".split())
MALE_NOUNS = frozenset("""
man gentleman boy husband father papa dad son brother uncle nephew grandfather widower
king prince duke count lord master host fellow stranger doctor squire clergyman servant butler
""".split())

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
estella blanche amelia cornelia diana henrietta janet joan josephine juliet lilian lillian louise
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
reuben rowland solomon theophilus ulysses uriah valentine zachary dorian ichabod amory pierre jacques
jean-baptiste hans karl otto ivan dmitri alexis sergei pavel carlos juan pedro antonio giovanni giuseppe
""".split())
