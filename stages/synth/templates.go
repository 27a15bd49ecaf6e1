package synth

// Sentence, subject and heading templates: the project's own wording.
// Slots, replaced when a cable is written:
//
//	{p} a host-country person (title and full name first, surname after)
//	{o} a host-country institution ("Full Name (ACR)" first, then "ACR")
//	{i} an international body, same convention
//	{l} a city of the focus country     {c} the focus country
//	{a} its adjective                   {k} another country
//	{d} a date phrase ("on March 3")    {M} a month name
//	{n} a number                        {m} an amount of money
//	{t} a topic of the cable's theme    {u} a US actor ("Poloff")
//	{v} a verb of saying                {g} the host government
//	{q} a short quoted phrase           {y} a recent year
//	{x} a US agency, same convention as {o}
//	{f} a small number (1-9)
var sentenceTexts = []string{
	"{d}, {p} told {u} that the {g} would not change its position on {t}.",
	"{p} {v} that the {o} had been instructed to prepare a new proposal on {t} before the end of the month.",
	"According to {p}, the {i} has offered technical assistance, but officials in {l} remain skeptical.",
	"{u} pressed {p} on {t}, noting that Washington expects concrete steps rather than statements.",
	"{p} described the situation in {l} as {q}, adding that local authorities were overwhelmed.",
	"The debate over {t} has exposed divisions within the {o}, where younger members openly question the leadership.",
	"Separately, {p} {v} that {n} people were detained in {l} following protests over {t}.",
	"{p} acknowledged that spending on {t} had fallen by {n} percent since {y}.",
	"We expect the {o} to raise {t} with the visiting delegation from {k}.",
	"In a meeting with {u} {d}, {p} argued that outside pressure only strengthens the hardliners.",
	"{p} said {c} would welcome closer cooperation with the {i} on {t}, provided that its sovereignty is respected.",
	"Press reports suggest that {p} is positioning for a larger role after the next elections.",
	"The {a} side has asked for {m} in additional support, a figure {p} privately called unrealistic.",
	"{u} will continue to follow {t} closely and will report developments septel.",
	"Several contacts in {l} {v} that the {g} has quietly eased restrictions on {t}.",
	"{p}, a close associate of {p}, {v} that the decision was made at the highest level.",
	"The {i} estimates that {n} percent of households in the {l} region lack access to basic services.",
	"{p} cautioned that any delay on {t} would be read in {l} as a sign of weakness.",
	"Asked about {t}, {p} replied that it was {q} and declined to elaborate.",
	"Officials at the {o} complained that coordination with the {o} remains poor.",
	"The {a} government has signed a memorandum of understanding with {k} covering {t}.",
	"{p} noted that trade with {k} reached {m} last year and predicted further growth.",
	"{u} reminded {p} of the commitments made during the last round of talks in {l}.",
	"Local media gave the visit extensive coverage, framing it as {q}.",
	"{p} said the draft law on {t} would go to parliament within {n} days.",
	"The {o} has not yet published implementing regulations, leaving investors uncertain.",
	"Opposition figures, including {p}, boycotted the session and called it {q}.",
	"In {l}, {p} told {u} that security conditions had improved but remained fragile.",
	"The meeting ended without agreement on {t}, although both sides agreed to meet again in {l}.",
	"{p} asked for US support for the {a} candidate to head the {i}.",
	"{p} claimed that {n} armed men had crossed into the {l} area over the past month.",
	"We note that {p} has made similar promises before without follow-through.",
	"{p} stressed that {c} had met all of its obligations under its program with the {i}.",
	"The local director of the {i} said that funding for {t} would run out by {M}.",
	"The {o} put losses at {m}, though independent economists believe the figure is higher.",
	"A senior official at the {o}, {p}, {v} that the matter was still under review.",
	"{p} praised US assistance on {t}, singling out training programs run with the {o}.",
	"There is little public appetite in {c} for a confrontation with {k} over {t}.",
	"{u} emphasized that progress on {t} would make it easier to expand cooperation in other areas.",
	"Independent analysts in {l} told {u} that the {g} is more concerned with internal rivalries than with {t}.",
	"The decree, signed by {p} {d}, gives the {o} broad authority over {t}.",
	"Turnout in {l} was reported at {n} percent, well below official expectations.",
	"{p} {v} that \"nothing will be decided\" before the next cabinet meeting.",
	"Embassy contacts expect {p} to replace {p} within weeks.",
	"{p} said that the {a} navy would hold joint exercises with {k} off {l}.",
	"Prices for fuel and bread in {l} have risen by {n} percent since {M}, feeding public discontent.",
	"{p} insisted that the {o} was acting within the law and rejected charges of political motivation.",
	"The {i} representative in {l}, {p}, said donors must coordinate more closely on {t}.",
	"We were struck by how openly {p} criticized {p} in front of other officials.",
	"{p} suggested that a visit by a senior US official to {l} would send an important signal.",
	"The {g} has so far refused to grant humanitarian organizations access to {l}.",
	"{p} predicted that the ruling party would win at least {n} seats.",
	"Human rights groups in {l} documented {n} cases of arbitrary detention in the last quarter.",
	"{u} delivered the demarche to {p}, who promised to convey it to the {a} leadership.",
	"{p} replied that {c} shares US concerns about {t} but cannot act alone.",
	"Negotiations on {t} have stalled over the question of who will pay for implementation.",
	"{p} hinted that {c} might reconsider its vote in the {i} if Washington showed flexibility.",
	"A prominent businessman, {p}, told {u} that corruption in the {o} has grown worse, not better.",
	"According to {o} figures, {n} thousand displaced persons have returned to the {l} area since {M}.",
	"{p} expressed frustration with {k}, saying its officials \"never keep their word.\"",
	"The {a} delegation, led by {p}, arrived in {l} {d} for two days of consultations.",
	"{p} said the leadership hoped the United States would understand the {a} position on {t}.",
	"Post recommends that the Department raise {t} with the {a} Embassy in Washington.",
	"There has been no independent confirmation of these reports.",
	"{p} dismissed rumors of a cabinet reshuffle as {q}.",
	"Given the sensitivity of {t}, {p} asked that the conversation be protected.",
	"Ministers from {k} and {c} met in {l} {d} to discuss {t}.",
	"The {i} has postponed its assessment mission to {l} until security improves.",
	"Economic growth slowed to {f} percent in the first half of the year, according to the {o}.",
	"{p} warned that joblessness among young people in {l} could lead to unrest.",
	"{p} confirmed that the {o} would host a donors' conference in {l} in {M}.",
	"The {a} press reported {d} that {p} had resigned, but the {o} later denied the story.",
	"{u} asked whether the {g} would accept monitors from the {i}; {p} said the question was premature.",
	"Both {p} and {p} attended the ceremony in {l}, a rare joint appearance.",
	"{p} offered to brief {u} again once the {o} completes its review of {t}.",
	"Roughly {n} percent of respondents in a recent poll named {t} as their top concern.",
	"Officials of the {x} in {l} are working with the {o} on {t}.",
	"A team from the {x} arrived in {l} {d} to assess {t}.",
	"{p} asked whether the {x} could fund a second phase of the program in {l}.",
	"The {x} program in {c} has trained {n} officials from the {o} since {y}.",
	// Sentences that name nobody: real cables spend many words on context,
	// so without these the generated text is about a third denser in
	// entities than the corpus (85 tagger mentions per 1,000 words).
	"It is not clear how much of this reflects a considered policy and how much is improvisation.",
	"The details of the arrangement have not been made public, and our contacts offered differing accounts.",
	"None of this is likely to change before the end of the year.",
	"Much will depend on how the budget negotiations unfold over the coming weeks.",
	"The issue has drawn comparatively little public attention so far.",
	"Officials were reluctant to discuss the matter in any detail.",
	"It remains to be seen whether the new rules will be enforced.",
	"The discussion then turned to {t}, where views were more divided.",
	"Our interlocutors were candid about the limits of what could be achieved.",
	"The numbers are difficult to verify independently.",
	"This would be a significant departure from past practice.",
	"There was no discussion of a timetable.",
	"Most observers expect a compromise, though not a quick one.",
	"The proposal would require changes to existing legislation, which could take months.",
	"Past efforts of this kind have foundered on disagreements over funding.",
	"The tone of the meeting was cordial but noncommittal.",
	"These concerns are not new, but they have become more pointed in recent months.",
	"We were told that a decision on {t} would not be taken until after the holidays.",
	"Public opinion appears to be shifting, if slowly.",
	"The program has been in place for {n} years and enjoys broad support.",
	"Some of those present argued for a more cautious approach.",
	"The question of who would bear the costs was left open.",
	"Implementation has lagged well behind the announcements.",
	"It is too early to judge whether the measures will have the intended effect.",
	"Few expect the underlying dispute to be resolved soon.",
	"The matter is expected to come up again at the next round of consultations.",
	"Our contacts suggested that the real debate is taking place behind closed doors.",
	"In private, several participants were more pessimistic.",
	"The figures cited were considerably higher than those published last year.",
	"There is broad agreement on the goal, if not on the means.",
	"The session ran well past its scheduled end.",
	"Attendance was lower than the organizers had hoped.",
	"A final version of the text is still being negotiated.",
	"The response so far has been muted.",
	"Critics argue that the changes do not go far enough.",
	"The timing of the announcement caught many by surprise.",
	"Several questions about financing remain unanswered.",
	"The underlying problems are structural and will not be solved by a single measure.",
	"We have heard similar assessments from a range of contacts.",
	"The draft reviewed by Post contains few specifics.",
	"It is an open secret that the current arrangement satisfies no one.",
	"Progress, where it has come, has been incremental.",
	"The decision was presented as final, although few believe it is.",
	"Turnover among senior staff has complicated planning.",
}

// commentTexts open or fill COMMENT blocks.
var commentTexts = []string{
	"We assess that {p} is unlikely to move on {t} before the elections.",
	"The {g}'s handling of {t} suggests that it feels more confident than it did a year ago.",
	"The remarks by {p} track closely with what we have heard from other contacts in {l}.",
	"We should not overstate the significance of this shift, but it bears watching.",
	"Continued engagement on {t} offers the best chance of shaping the outcome.",
	"Post will follow up with the {o} and report any developments.",
	"The episode underscores how little room the {g} has to maneuver on {t}.",
	"Whether {p} can deliver on these assurances remains an open question.",
}

// summaryLeads open SUMMARY blocks.
var summaryLeads = []string{
	"{p} told {u} {d} that the {g} intends to move ahead on {t} despite criticism from the {o}.",
	"The {g} is under growing pressure over {t}, and contacts in {l} expect the issue to dominate the coming months.",
	"In a wide-ranging meeting {d}, {p} outlined {c}'s priorities on {t} and asked for US support.",
	"The {a} debate over {t} has sharpened since {M}, with the {o} and the {o} taking opposing sides.",
	"{u} delivered points on {t} to {p}, who promised a considered reply after consulting the {o}.",
}

// quotes are short quoted phrases.
var quotes = []string{
	"\"a serious mistake\"", "\"unacceptable\"", "\"premature\"", "\"a positive signal\"",
	"\"a matter of national dignity\"", "\"not on the agenda\"", "\"a purely technical issue\"",
	"\"a red line\"", "\"business as usual\"", "\"a new chapter\"", "\"political theater\"",
	"\"an insult\"", "\"a step in the right direction\"", "\"too little, too late\"",
}

var sayVerbs = []string{"said", "noted", "told us", "stressed", "claimed", "explained", "argued", "acknowledged", "asserted", "complained", "confirmed", "emphasized"}

var usActors = []string{"Poloff", "Econoff", "the Ambassador", "the DCM", "PolCouns", "EconCouns", "Embassy officers", "PolOff and EconOff", "the Charge", "visiting EUR officials", "Pol/Econ Chief", "us"}

var govWords = []string{"government", "ruling coalition", "presidency", "cabinet", "leadership", "authorities"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var monthAbbr = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// themes: topics a cable is about, with the TAGS that go with them.
var themes = []struct {
	tags   []string
	topics []string
}{
	{[]string{"PGOV", "PREL", "KDEM", "PINR"}, []string{"the electoral law", "constitutional reform", "the upcoming elections", "the coalition talks", "judicial reform", "local elections", "the opposition's demands", "decentralization", "the succession question", "party financing", "the new cabinet", "parliamentary oversight"}},
	{[]string{"ECON", "EFIN", "ETRD", "EINV"}, []string{"the budget deficit", "the privatization program", "foreign direct investment", "the banking sector", "inflation", "the free trade agreement", "tax reform", "intellectual property protection", "the exchange rate regime", "agricultural subsidies", "public debt", "the investment climate"}},
	{[]string{"PTER", "MARR", "MOPS", "PREL"}, []string{"border security", "counterterrorism cooperation", "the insurgency", "arms transfers", "the peacekeeping mission", "military reform", "maritime security", "police training", "the status of forces agreement", "security sector reform"}},
	{[]string{"PHUM", "KIRF", "KJUS", "PREF"}, []string{"trafficking in persons", "religious freedom", "the treatment of detainees", "freedom of assembly", "refugee returns", "minority rights", "press freedom", "prison conditions"}},
	{[]string{"ENRG", "EPET", "ECON", "SENV"}, []string{"gas supplies", "the pipeline project", "nuclear power", "electricity tariffs", "oil revenues", "energy security", "the refinery project", "renewable energy"}},
	{[]string{"SNAR", "KCRM", "KJUS", "PGOV"}, []string{"counternarcotics efforts", "money laundering", "organized crime", "extradition requests", "corruption", "drug seizures", "the anti-corruption strategy"}},
	{[]string{"PARM", "MNUC", "KNNP", "PREL"}, []string{"nonproliferation", "export controls", "missile defense", "the nuclear program", "the arms control talks", "dual-use exports"}},
	{[]string{"CVIS", "CASC", "KPAO", "AMGT"}, []string{"visa processing", "adoption cases", "the visa waiver program", "student exchanges", "consular access", "public diplomacy programs"}},
}

// subjectTexts are SUBJECT templates; {T} is the topic in capitals, {s} a
// surname, {U} a US visitor's title.
var subjectTexts = []string{
	"{c}: {t} under pressure",
	"{c}: {t} stalls",
	"{c}: {t} gains momentum",
	"{a} views on {t}",
	"{s} on {t}",
	"scenesetter for the {U} visit to {c}",
	"{c} - {t}: what to expect",
	"demarche delivered: {t}",
	"{i} and {c}: {t}",
	"{a} officials discuss {t} with {u}",
	"{l} dispatch: {t}",
	"{c}: mixed signals on {t}",
	"{t}: {a} government response",
	"{c}: {s} confident on {t} despite criticism from the {o}",
	"{c} and {t}: the view from {l}",
}

var visitorTitles = []string{"Secretary", "Deputy Secretary", "Under Secretary", "CODEL", "Assistant Secretary", "Special Envoy", "Treasury Deputy Secretary", "USTR"}

// headings divide long cables.
var headingTexts = []string{"Background", "Views on {t}", "Next Steps", "{c} and the {i}", "Economic Outlook", "Security Situation", "Regional Dimension", "The Opposition", "Role of the {o}", "Reaction in {l}", "Outlook"}

// bureaus are addressee lines under the caveats.
var bureaus = []string{"EUR/RUS", "EUR/CARC", "EUR/SCE", "EUR/CE", "EUR/WE", "EUR/ERA", "NEA/I", "NEA/ELA", "NEA/IPA", "NEA/ARP", "NEA/MAG", "SCA/A", "SCA/INS", "SCA/PB", "SCA/CEN", "EAP/CM", "EAP/J", "EAP/K", "EAP/MLS", "AF/E", "AF/W", "AF/S", "AF/C", "WHA/AND", "WHA/BSC", "WHA/MEX", "WHA/CEN", "WHA/CAR", "ISN/RA", "INL", "DRL", "EEB/ESC", "EEB/IFD", "PM", "IO/UNP", "CA/VO"}
