package seedfile

// The raw forms mirror the YAML of the seed files field for field; the
// validator turns them into kg types. Every value is read as text so that
// a malformed one is reported by the validator with its line, not by the
// YAML decoder with a Go type name.

type rawDocument struct {
	ID          string      `yaml:"id"`
	Title       string      `yaml:"title"`
	Publisher   string      `yaml:"publisher"`
	PublishedAt string      `yaml:"publishedAt"`
	UpdatedAt   string      `yaml:"updatedAt"`
	URL         string      `yaml:"url"`
	Text        string      `yaml:"text"`
	Description string      `yaml:"description"`
	Aliases     []string    `yaml:"aliases"`
	NoFacts     []rawNoFact `yaml:"noFacts"`
}

// rawNoFact is a sentence of the document's text that states no fact,
// listed on purpose so that every sentence is either quoted as evidence
// or accounted for.
type rawNoFact struct {
	Text   string `yaml:"text"`
	Reason string `yaml:"reason"`
}

type rawEntity struct {
	ID           string        `yaml:"id"`
	Kind         string        `yaml:"kind"`
	Name         string        `yaml:"name"`
	Aliases      []string      `yaml:"aliases"`
	Description  string        `yaml:"description"`
	Title        string        `yaml:"title"`
	StartDate    string        `yaml:"startDate"`
	EndDate      string        `yaml:"endDate"`
	Status       string        `yaml:"status"`
	Participants string        `yaml:"participants"`
	Founded      string        `yaml:"founded"`
	Members      string        `yaml:"members"`
	Independence string        `yaml:"independence"`
	Edition      string        `yaml:"edition"`
	Publisher    string        `yaml:"publisher"`
	PublishedAt  string        `yaml:"publishedAt"`
	UpdatedAt    string        `yaml:"updatedAt"`
	URL          string        `yaml:"url"`
	Evidence     []rawEvidence `yaml:"evidence"`
}

type rawRelation struct {
	Type         string        `yaml:"type"`
	From         string        `yaml:"from"`
	To           string        `yaml:"to"`
	Role         string        `yaml:"role"`
	Status       string        `yaml:"status"`
	ValidFrom    string        `yaml:"validFrom"`
	ValidTo      string        `yaml:"validTo"`
	PointInTime  string        `yaml:"pointInTime"`
	Amount       string        `yaml:"amount"`
	Rank         string        `yaml:"rank"`
	PreviousRank string        `yaml:"previousRank"`
	Count        string        `yaml:"count"`
	Counterpart  string        `yaml:"counterpart"`
	Note         string        `yaml:"note"`
	Key          string        `yaml:"key"`
	Evidence     []rawEvidence `yaml:"evidence"`
}

type rawEvidence struct {
	Doc     string `yaml:"doc"`
	Excerpt string `yaml:"excerpt"`
	Date    string `yaml:"date"`
	SaidBy  string `yaml:"saidBy"`
}
