// Package ndjson is the streamable form of a kgql graph: one JSON object
// per line, so that a graph of millions of relations can be written by
// `kgql gen` and read by `kgql load` without either holding it in memory.
//
// # Format (kgql-ndjson/1)
//
// Each line is a JSON object with exactly one of the keys "header",
// "entity" or "relation". Blank lines are ignored. Unknown keys are
// errors (a misspelt field would otherwise vanish silently).
//
//	{"header":{"format":"kgql-ndjson/1","generator":"kgql gen","options":{"entities":100000,"seed":1,"relationsPerEntity":7}}}
//	{"entity":{"id":"person/p-000001","kind":"Person","name":"Kamo Tarilen","aliases":["Tarilen"]}}
//	{"relation":{"id":"person/p-000001>MET_WITH>person/p-000042","type":"MET_WITH","from":"person/p-000001","to":"person/p-000042","evidence":[{"doc":"doc/d-000007","excerpt":"…","date":"2024-12-17"}]}}
//
// The header is optional and, when present, the first line. Its format
// must be "kgql-ndjson/1"; generator and options say where the stream
// comes from (kgql gen writes its options) and expectEntities and
// expectRelations, when known, let a loader show its progress.
//
// Entities come first, then relations: every id a relation names (from,
// to, counterpart, an evidence's doc and saidBy) must be the id of an
// entity on an earlier line, and an evidence doc must be a document. The
// documents an entity's own evidence quotes may come after it (documents
// are often the last entities), but before the first relation.
//
// Entity fields, as in the seed files (docs/model.md); all but id, kind
// and name are optional and omitted when empty:
//
//	id            string   <prefix>/<slug>, the prefix of its kind (person/, org/, …)
//	kind          string   Person, Organization, Country, City, Region, Event,
//	                       Commodity, Initiative, Index, Document
//	name          string
//	aliases       [string]
//	description   string
//	title         string   Person, Document
//	startDate     date     Event, Initiative
//	endDate       date     Event, Initiative
//	status        string   Event, Initiative: planned, proposed or expected
//	participants  count    Event
//	founded       date     Organization
//	members       count    Organization
//	independence  date     Country
//	edition       date     Index
//	publisher     string   Document
//	publishedAt   date     Document
//	updatedAt     date     Document
//	url           string   Document
//	text          string   Document: its source text, which evidence offsets index
//	evidence      [evidence]
//
// Relation fields; id, type, from, to and evidence (at least one) are
// required:
//
//	id            string   kg.RelationID: <from>><TYPE>><to>, plus #<key> for a
//	                       counterpart or key ("country/c-0001>EXPORTS>commodity/cm-000003#country/c-0002")
//	type          string   HOLDS_POSITION, MEMBER_OF, …, MENTIONS (docs/model.md)
//	from, to      string   entity ids
//	role          string
//	status        string   planned, proposed or expected
//	validFrom     date
//	validTo       date
//	pointInTime   date     the date a measured value (amount, rank, count) refers to
//	amount        money
//	rank          int
//	previousRank  int
//	count         count
//	counterpart   string   entity id
//	note          string
//	evidence      [evidence]
//
// MENTIONS relations are written out, not derived: a stream holds the
// graph as a store holds it (the seed loader derives them from the
// evidence; kgql gen writes the ones it derives).
//
// Evidence: {"doc": document id, "excerpt": text (one whole sentence, at
// most 4,000 characters), "start" and "end": where the excerpt stands in
// the document's text (code points, end exclusive; optional), "date":
// date, "saidBy": entity id (optional)}.
//
// Typed values are text in the seed files' forms: a date is "2024",
// "2025-09" or "2024-12-17" (its precision is its length); money is
// "<value> <ISO 4217 code>" with the value in whole units ("53700000
// USD"); a count is "300", "over 300", "about 57", "at least 2", "under
// 10" or "up to 5".
package ndjson
