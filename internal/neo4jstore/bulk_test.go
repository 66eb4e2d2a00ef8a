package neo4jstore_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// everything returns an entity and a relation with every field set.
func everything() (*kg.Entity, *kg.Relation) {
	d := kg.MustDate("2024-01-02")
	n := 3
	ev := []kg.Evidence{{DocumentID: "doc/d", Excerpt: "x", Start: 0, End: 1, Date: d, SaidBy: "person/p"}, {DocumentID: "doc/d", Excerpt: "y", Start: 2, End: 3, Date: d}}
	e := &kg.Entity{ID: "event/e", Kind: kg.KindEvent, Name: "E", Aliases: []string{"EE"}, Description: "d", Title: "t",
		StartDate: &d, EndDate: &d, Status: kg.StatusPlanned, Participants: &kg.Count{Value: 3, Qualifier: kg.CountOver},
		Founded: &d, Members: &kg.Count{Value: 4, Qualifier: kg.CountAbout}, Independence: &d, Edition: &d, Publisher: "p", PublishedAt: &d,
		UpdatedAt: &d, URL: "https://example.org", Text: "x y", Evidence: ev}
	r := &kg.Relation{ID: "person/p>MET_WITH>event/e#k", Type: kg.MetWith, From: "person/p", To: "event/e", Role: "r",
		Status: kg.StatusProposed, ValidFrom: &d, ValidTo: &d, PointInTime: &d, Amount: &kg.Money{Value: 1.5, Currency: "USD"}, Rank: &n,
		PreviousRank: &n, Count: &kg.Count{Value: 3, Qualifier: kg.CountExact}, Counterpart: "country/c", Note: "n", Evidence: ev}
	return e, r
}

// TestBulkWriterHasAColumnForEveryProperty: every property the loader
// writes has a column in the importer's header, and each row has the
// header's number of fields.
func TestBulkWriterHasAColumnForEveryProperty(t *testing.T) {
	dir := t.TempDir()
	w, err := neo4jstore.NewBulkWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	e, r := everything()
	if err := w.WriteEntity(e); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRelation(r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, files := range [][2]string{{"nodes-header.csv", "nodes.csv"}, {"relationships-header.csv", "relationships.csv"}} {
		header, data := readCSV(t, filepath.Join(dir, files[0])), readCSV(t, filepath.Join(dir, files[1]))
		if len(header) != 1 || len(data) != 1 || len(header[0]) != len(data[0]) {
			t.Fatalf("%s and %s: %d and %d fields", files[0], files[1], len(header[0]), len(data[0]))
		}
		for i, v := range data[0] {
			if v == "" {
				t.Errorf("%s: column %s has no value although every field is set", files[1], header[0][i])
			}
		}
	}
	args, err := os.ReadFile(filepath.Join(dir, neo4jstore.BulkArgsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(args), "--nodes=") || !strings.Contains(string(args), "--relationships=") {
		t.Errorf("%s:\n%s", neo4jstore.BulkArgsFile, args)
	}
}

// TestBulkWriterRefusesTheListDelimiter: a list element holding the
// delimiter the importer splits lists on would come back split.
func TestBulkWriterRefusesTheListDelimiter(t *testing.T) {
	w, err := neo4jstore.NewBulkWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	e, _ := everything()
	e.Aliases = []string{"a\x1fb"}
	if err := w.WriteEntity(e); err == nil || !strings.Contains(err.Error(), "U+001F") {
		t.Errorf("err = %v, want a refusal naming U+001F", err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
