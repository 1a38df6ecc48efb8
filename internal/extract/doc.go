package extract

// Decisions, in one place (the code next to each says the same).
//
// Text and offsets
//   - Normalisation (package text): NFC, straight quotes, "-" for every
//     dash, LF line ends, single spaces, trimmed lines, at most one blank
//     line. The document id is "doc:" + the first 16 hex digits of the
//     SHA-256 of the normalised text, header lines included.
//   - Header: leading "Source:", "Title:", "Publisher:", "Author(s):",
//     "Date:" lines fill the Doc fields that the caller left empty; they
//     stay in the text (offsets and id cover them). Of them only the
//     "Title:" line's value is read for facts, as a heading; "Source:
//     site - Title" gives both source and title.
//   - A dateline ("NAIROBI - ", "JEDDAH: ") is where the writer was: it is
//     cut from its sentence for both engines.
//   - People (parser engine): a person NER marks acts for one state when
//     named with its office ("Ghana's President John Mensah", "Togolese
//     President ..."), when the gazetteer's office holders (seed/gazetteer/
//     people.json) give one state for the full name or for the surname
//     after an office ("President Bush"), or when named so earlier in the
//     article; the mention then stands for the state. Otherwise a person
//     stands for nothing.
//   - Venue: the state of the one place a sentence meets in ("talks in
//     Lima", "in the Saudi city of Jeddah") hosts the one process the
//     sentence speaks of, unless a host is named or the process is negated.
//   - Headings (the headline above all) are read for facts like sentences;
//     a headline's infinitive right after its actors ("Chile and Peru to
//     sign pact") is expected.
//   - Evidence offsets are rune offsets into the normalised text, end
//     exclusive; evidence.sentence == string([]rune(text)[start:end]).
//   - Every line is a paragraph or a heading; a line of at most 12 words
//     without final punctuation is a heading and is never merged into the
//     next sentence. Sentences longer than WithMaxSentenceBytes (2000 by
//     default) are cut at spaces.
//
// Ids of reified nodes (stable across documents: parties are sorted)
//   - Agreement: named "agreement:<slug of name>" ("agreement:shusha-declaration");
//     otherwise "agreement:<sorted party ids>[-<commodity>]-<kind>[-<year>]",
//     e.g. "agreement:kz-tr-free-trade-2017", "agreement:az-ir-tm-gas-swap-2021".
//     The kind is one of a closed list (free trade, peace, defence, security,
//     energy, trade, investment, economic partnership, ceasefire, ...; see
//     agreementKinds), else "agreement": "a fisheries pact" is
//     "agreement:cl-pe-agreement" with IN_SECTOR for its topic, so that "the
//     pact", "the fishing deal" and "the agreement" of the same parties are
//     one node. The year is left out of the id of an agreement that is only
//     expected.
//   - Project: named "project:<slug of name>"; otherwise
//     "project:<sorted partner ids>[-<commodity>]-<kind>", e.g.
//     "project:ir-kz-gas-pipeline" (sorted, so not "kz-ir" as the first vocabulary's
//     example reads: the same pipeline read from an Iranian source gets the
//     same id).
//   - Process: named "process:<slug of name>" ("process:astana-peace-process");
//     a country's peace process "process:<country name>-peace-process"
//     ("process:afghanistan-peace-process"); negotiations on a country's
//     topic "process:<country name>-<topic without program>-negotiations"
//     ("process:iran-nuclear-negotiations", topic "nuclear program");
//     talks between parties "process:<sorted ids>-talks" (two to four
//     sides); an exercise the text does not name "process:<sorted
//     ids>-exercise"; a named exercise drops the lower-case words that
//     describe it ("the Varuna naval exercise": "process:varuna-exercise").
//     Ids sort their parts in lower case, prefixes ("org:", "region:") left out.
//
// Relations
//   - One relation per (subject, predicate, object, modality), plus the
//     commodity for EXPORTS_TO; its evidence lists every sentence that
//     supports it. Properties merge: sectors by union in order of mention,
//     role by the most specific (founding_member > observer,
//     dialogue_partner, associate_member > partner > member), others keep
//     the first value.
//   - COOPERATES_WITH and IN_CONFLICT_WITH are symmetric: one edge per pair,
//     in the direction first read (the first mentioned party is the subject).
//   - Modality: negated ("not", "never", "no longer", "refused", "left an
//     organization", but not "not only") > expected ("will", "may",
//     "could", "expected", "likely", "plans", "negotiating") > reported
//     ("according to", "reportedly", "said", "say") > asserted. Negation and
//     expectation scope over their clause (clauses end at ";", ", and"
//     between clauses, "but", "while", "unlike", "although"); reported cues
//     over the whole sentence. A hedged sentence never gives an asserted fact.
//   - Confidence: 0.9 for an explicit pattern with both arguments named;
//     0.85 for properties of a reified node (CONCERNS, IN_SECTOR); 0.8 for
//     LOCATED_IN from an apposition; 0.75 when an argument was found by
//     position (nearest actor, "with" list); at most 0.7 when an argument
//     came from coreference or is a region standing for a group of
//     countries ("Middle Eastern countries" -> region:middle-east).
//
// Coreference
//   - "the two countries/sides/partners/governments", "both countries": the
//     pair framed by "In the case of X and Y" (until the next heading), else
//     the last two actors earlier in the sentence, else the previous
//     sentence's actors when there are exactly two, else the document's two
//     most mentioned countries.
//   - "these countries": the last region named as a group of countries.
//   - "the country": the most mentioned country; "the region": the last
//     region; "the bloc/alliance/organization": the last organization (in
//     the sentence first); "its neighbour": the last other country; "it"
//     or "they" starting a clause: the previous clause's subject; "these
//     initiatives/efforts": the processes of the last sentence that had any.
//   - A list after a group noun ("observer states in the Middle East, such
//     as Iran and Saudi Arabia") replaces the group as the argument.
//
// Recognition beyond the gazetteer
//   - Named nodes: capitalised words ending in a head ("Shusha Declaration"),
//     a head first ("Declaration of Principles"), a proper name that is no
//     gazetteer entity before a lower-case head ("the Rasht-Astara railway",
//     "the Akkuyu nuclear power plant"; a capital may be part of it: "the
//     Astana format"), or before an apposition saying what it is
//     ("TurkStream, a pipeline under the Black Sea"). "X, (better) known as
//     Y" makes Y an alias of X's node in the document.
//   - Ambiguous forms (ambiguous.json: "Brussels", "Congo", "Korea") name
//     the candidate earlier sentences mentioned most; nothing on a tie or
//     when none was mentioned; a capital among them must stand for its
//     government.
//   - A capital after a preposition is a place, except after a relation
//     noun ("talks between Yerevan and Baku", "sanctions on Moscow") or a
//     verb of trade ("sent weapons to Mogadishu"); before "state", "city",
//     a head noun ("the Ankara agreement") it is a place too.
//   - A country name next to a capitalised word that is no entity is part
//     of a person's or company's name ("Michael Jordan", "Chad Smith",
//     "Qatar Airways"); "Atlanta, Georgia", "the state of Georgia" and "the
//     Gulf of Aden" are not the country or the region.
//
// Argument structure
//   - Passives: "was signed (in X) by A and B", "is being built/financed by
//     A", "were joined by A", "mediated/hosted by A". A participle after a
//     comma (", buying ...") takes its clause's subject. "which A
//     sanctioned" has the antecedent as object. "together with X" adds a
//     co-subject to mediating and hosting.
//   - "the two sides/rivals/allies" prefers a coordinated pair ("A and B")
//     of the sentence, never the mediators or hosts of a "by" phrase;
//     "from both" is the last coordinated pair.
//   - A relative clause after ", which/who/whose" is a clause of its own
//     for modality: "..., which Kabul has never recognised" does not negate
//     the main clause. "cut/severed ties", "halting exports" turn the fact
//     around ("has not cut ties" keeps it asserted).
//
// Entities in the output: every entity a relation references, plus every
// country, organization and region the text mentions (so that a document
// with no facts still says what it is about). Aliases are the gazetteer's
// known forms plus the surface forms seen in the text, sorted, without the
// display name.
