package seedfile

import "testing"

func TestReadCoverage(t *testing.T) {
	covs, err := ReadCoverage(testSeed(testDocument))
	if err != nil {
		t.Fatal(err)
	}
	if len(covs) != 1 {
		t.Fatalf("%d documents covered, want 1", len(covs))
	}
	c := covs[0]
	if c.Document != "doc/test-article" || c.File != "sources/test.txt" || c.Sentences != 5 || c.Quoted != 3 || c.NoFacts != 1 {
		t.Errorf("coverage = %+v, want 5 sentences: 3 quoted, 1 listed", c)
	}
	if len(c.Missed) != 1 || c.Missed[0].Text != "It grew." {
		t.Errorf("missed = %+v, want the one sentence neither quoted nor listed", c.Missed)
	}
}
