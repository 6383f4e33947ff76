/**
 * Word lists the publish checks lean on: ordinary English words (a name part that is also one is
 * matched only when capitalised, and is not warned about), report and role vocabulary, months,
 * days, titles and safeguarding acronyms. All lower case. Extend them here, not in the checks.
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter((w) => w.length > 0));
}

/** Function words and frequent words of report prose, any of which may open a sentence. */
const FUNCTION_AND_FREQUENT = `
a about above according across after afterwards again against all almost alone along already also
although always am among an and another any anyone anything are around as at away back be became
because become been before began being below beside besides best better between beyond both brief
but by can cannot could did do does doing done down during each earlier early either else enough
even ever every everyone everything except few first following for former from further furthermore
given had has have having he her here hers herself him himself his how however i if in including
indeed instead into is it its itself just last later latter least less let like little many may
me meanwhile might more moreover most mostly much must my myself neither never nevertheless new
next no none nor not nothing now of off often on once one only onto or other others otherwise our
ours ourselves out over overall own per perhaps please rather same second several shall she should
since so some someone something sometimes soon still such than that the their theirs them
themselves then there thereafter therefore these they third this those though through throughout
thus to today together too toward towards two three four five six seven eight nine ten eleven
twelve under unless until up upon us very via was we well were what whatever when whenever where
whereas whether which while who whoever whole whom whose why will with within without would yes
yet you your yours yourself yourselves
able across actual actually added additional again age aged agreed aim aims alongside already
also amongst appropriate approximately area areas around arranged asked available aware based
basis became become becoming began beginning behind being believed below beneath beside big
broadly brought called came cannot carried cases caused certain certainly change changed changes
clear clearly close closely come comes coming common complete completed concern concerned concerns
considered consistent continued could current currently day days decided decision described
despite detail details different difficult direct directly discussed done due during each
effect effective either else end ended ensure entire especially established even evening events
eventually every evidence example except expected experience explained fact fairly far felt
finally find findings five focus followed following found four frequently full fully further
future general generally get getting give given giving go going good got great greater group
half hand happened hard having heard held help helped high highly hold home hours however
identified immediately important initially instead intended interest involved issue issues
it itself job just keep kept key kind knew know knowledge known large largely late later
least led left less level likely limited line little local long longer look looked lot low made
main mainly major make making many matter means meant met mid might mind minor month months more
morning most move moved much must name named near nearly necessary need needed needs never night
none normal note noted nothing notice now number often old older once one ones open opportunity
order other others otherwise outcome outside overall own part particular particularly past people
period person place placed plan planned point points possible possibly potential present
previous previously primary prior probably process provided put quickly quite raised rather
reached read real really reason reasons received recent recently recorded remained reported
required result results right role said saw say says second seen seemed seen sent set seven
several shared short shortly show showed shown side significant similar simply since single six
small so some soon sought specific spoke start started state stated still subsequent subsequently
such support sure taken taking team teams tell term terms than thing things think third though
thought three time times told took total towards true turn two type typically unclear under
understand understanding understood until unusual use used using usual usually various view
views visit visited visits want wanted was way ways week weeks well went what whole wider will
wish within without word words work worked working would year years yes young
accept accepted access added address advised agree allocated allocation appeared applied
apply appointment appointments arrange arranged arrive arrived ask attend attended attending
attempt attempted baby bed birth born call calls called calling care check checked child
closed concluded confirm confirmed consider contacted continue could daily date dated describe
did discharge discharged discuss document documented during email emailed enquiry examine
examined explain explore family feel find follow gave hear heard home hospital inform informed
injury injuries invite invited later letter letters make meet met mention mentioned missed
nobody notes notified observe observed offer offered parent phone phoned plan please present
presented provide receive record refer referred remain reply replied report reports request
requested respond responded return returned review reviewed say see seek send share should
speak state stay stayed suggest suggested take tell text texted there told treat treated try
tried update updated visit wait waited weekly were worry worried write wrote
chart diagram figure image map photo photograph picture table
`;

/** Report, method and agency vocabulary that appears capitalised in headings and agency names. */
const REPORT_VOCABULARY = `
abuse academy acknowledgements action actions adult adults advice advocate agencies agency
alcohol ambulance analysis answer appendix appendices approach appraisal assessment assessments
authority background board care carer carers case centre center chair chief child children
childrens chronology clinic clinical commissioned commissioning community conclusion conclusions
conference confidential consultant contact contents context contributory council counselling
court crime criminal data department designated development director discussion district
doctor domestic draft duty early edition education emergency episode episodes executive
explanation factor factors families family figure finding findings foundation framework front
door general governance gp group guidance head health help hospital housing hub incident
independent infant information integrated inter interpreter introduction investigation issues
learning lead lessons limitations local management manager map maternity medical meeting meetings
membership mental methodology midwife midwifery misuse multi named national neglect nhs note
nurse nursery office officer options overview paediatric paediatrician panel partner partners
partnership pattern patterns perspective perspectives plan police policy practice practices
practitioner practitioners primary probation procedure procedures professional professionals
protection publication questions rapid rationality recommendation recommendations record records
referral referrals reference report research response responses review reviewer reviewers
reviews risk safeguarding safety school schools section sections senior service services social
specialist staff strategy substance summary supervision supervisor support surgery system systems
table team technical terms threshold timeline title together trust unit version violence visitor
visiting visitors ward window worker workers workforce youth
a&e ae icb ccg mash scie lscp lcspr scr sar imr
`;

/** Relationship and role words used in labels and reports. */
const ROLE_WORDS = `
aunt baby boy brother carer child children cousin dad daughter father foster friend girl
grandfather grandmother grandparent grandparents guardian half infant kinship maternal mother
mum nan nephew niece parent parents partner paternal relative sibling siblings sister son
stepfather stepmother stepbrother stepsister toddler uncle
constable detective sergeant inspector officer pc ds dc di dr mr mrs ms miss mx prof professor
`;

/** Common English words that double as surnames or given names: matched only when capitalised. */
const WORDS_THAT_ARE_ALSO_NAMES = `
amber angel april autumn baker bank banks bell best bird bishop black brook brooks brown bush
butcher carpenter chambers church cook cooper cross dale dawn day dean dove east faith field fields
fish fisher ford fox frank frost gardener gay gill glass golden grace gray green grey hall hart hay
heather hill hills holly hood hope house hunter ivy jack jade joy king knight lamb lane law lee
little long love mark marsh mason may mill miller moon moss nash north page park parker pearl
penny pike pool poppy porter post price rich robin rose rowe ruby sage salmon shepherd short
sharp silver sky smith snow south spring stone storm strong summer swan sweet taylor turner
victory violet walker wall ward waters west white will winter wolf wood woods wren wright young
`;

const MONTH_WORDS = `
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
`;

const DAY_WORDS = `
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
`;

const MONTHS = words(MONTH_WORDS);
const DAYS = words(DAY_WORDS);
const ROLES = words(ROLE_WORDS);

/** Ordinary words: function words, report vocabulary, roles, months and days. */
const ORDINARY = new Set([
  ...words(FUNCTION_AND_FREQUENT),
  ...words(REPORT_VOCABULARY),
  ...ROLES,
  ...MONTHS,
  ...DAYS,
]);

/** Ordinary words that are also people's names: a capitalised one mid-sentence may be a name. */
export const NAME_LIKE_WORDS = words(WORDS_THAT_ARE_ALSO_NAMES);

/** Honorifics that come before a name; pseudonymisation swallows them with the name. */
export const TITLES = words('mr mrs ms miss mx master dr prof professor rev sir dame lady lord');

/** Words in an alias that describe rather than identify ("Baby Carrow", "Little Jay"). */
export const DESCRIPTOR_WORDS = words(
  'baby little big young old nan nanna nanny grandma grandad granny gran auntie uncle aunt mum dad',
);

/** Particles of surnames that are not names on their own ("van", "de la"). */
export const NAME_PARTICLES = words(
  'van von der den del della de la le di du da dos das st ibn bin bint al el ap mac',
);

/**
 * Acronyms a safeguarding report uses every day; initials equal to one of them are replaced
 * everywhere the acronym appears, so derivation warns about them.
 */
export const COMMON_ACRONYMS: ReadonlyMap<string, string> = new Map([
  ['AE', 'accident and emergency'],
  ['CIN', 'child in need'],
  ['CP', 'child protection'],
  ['CSC', "children's social care"],
  ['DA', 'domestic abuse'],
  ['DV', 'domestic violence'],
  ['ED', 'emergency department'],
  ['EH', 'early help'],
  ['GP', 'general practitioner'],
  ['HV', 'health visitor'],
  ['IC', 'initial conference'],
  ['LA', 'local authority'],
  ['MH', 'mental health'],
  ['PC', 'police constable'],
  ['SW', 'social worker'],
  ['YP', 'young person'],
]);

/** True for an ordinary English or report word (lower-cased before the lookup). */
export function isOrdinaryWord(word: string): boolean {
  const w = word.toLowerCase();
  return ORDINARY.has(w) || NAME_LIKE_WORDS.has(w);
}

/**
 * True for an ordinary word that is not also commonly a name; months and days count as ordinary
 * ("May", "April" are dates far more often than names in a report).
 */
export function isOrdinaryNonNameWord(word: string): boolean {
  const w = word.toLowerCase();
  if (MONTHS.has(w) || DAYS.has(w)) return true;
  return ORDINARY.has(w) && !NAME_LIKE_WORDS.has(w);
}
