package synth

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// Names are built from syllables, so that they read like names, repeat
// the way real ones do (families, roots shared by a country and its
// organisations) and give search something to find, typos included.

var syllables = []string{
	"ka", "ri", "mo", "ta", "len", "sa", "vi", "dor", "na", "el", "ba", "zu",
	"ha", "fi", "rah", "mir", "so", "ko", "lan", "te", "ra", "bek", "shi", "no",
	"ga", "ul", "an", "ves", "tor", "ma", "lu", "kas", "ze", "ni", "ol", "dar",
}

// rootSyllables make place names: fewer, so that roots recur.
var rootSyllables = []string{
	"bel", "mar", "tav", "or", "kel", "zan", "dru", "vel", "as", "tor",
	"ne", "ri", "sol", "ka", "mon", "ith", "ba", "lor", "qua", "ven",
}

var countrySuffixes = []string{"ia", "stan", "land", "ar", "ova", "esh", "ania", "ur"}

var titles = []string{"Dr.", "Prof.", "Prof. Dr.", "Ambassador", "Major General (R)", "Engr.", "Justice (R)", "Senator"}

var sectors = []string{
	"Telecommunication", "Energy", "Water", "Aviation", "Securities", "Revenue",
	"Investment", "Railways", "Standards", "Competition", "Maritime", "Health",
}

var topics = []string{
	"Cybersecurity", "Trade", "Energy", "Water", "Climate", "Digital", "Health",
	"Agriculture", "Transport", "Maritime", "Space", "Education", "Finance",
	"Mining", "Tourism", "Connectivity", "Railway", "Textile", "Food Security", "Innovation",
}

var companySuffixes = []string{"Group", "Technologies", "Holdings", "Energy", "Telecom", "Logistics", "Bank", "Airlines"}

var eventTypes = []string{"Summit", "Forum", "Conference", "Workshop", "Expo", "Dialogue", "Meeting"}

var initiativeTypes = []string{"Initiative", "Programme", "Plan", "Agreement", "Corridor", "Partnership", "Framework"}

var commodities = []string{
	"Citrus fruits", "Pharmaceutical products", "Garments", "Soap", "Sports equipment",
	"Wheat", "Rice", "Cotton", "Crude oil", "Natural gas", "Copper", "Iron ore",
	"Uranium", "Fertilizers", "Cement", "Steel", "Leather goods", "Surgical instruments",
	"Textiles", "Dates", "Mangoes", "Tea", "Coffee", "Sugar", "Vegetable oil",
	"Electronics", "Machinery", "Vehicles", "Chemicals", "Plastics", "Timber", "Coal",
	"Aluminium", "Fish", "Meat", "Dairy products", "Footwear", "Carpets", "Furniture", "Paper",
}

var commodityAdjectives = []string{"Processed", "Refined", "Organic", "Frozen", "Raw", "Industrial", "Recycled", "Premium"}

var publishers = []string{
	"Kestrel News Agency", "The Daily Meridian", "Northern Gazette", "Capital Observer",
	"Regional Times", "Continental Wire", "The Harbour Post", "Evening Ledger",
}

var regionPrefixes = []string{"Central", "North", "South", "East", "West", "Greater", "Upper", "Lower"}

// word returns n syllables chosen by r, capitalized.
func word(r *rand.Rand, table []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(table[r.IntN(len(table))])
	}
	return capitalize(b.String())
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// countryRoot is a distinct root per country number: a bijection of the
// number onto pairs of root syllables, so that no two countries share a
// name.
func countryRoot(local int) string {
	n := len(rootSyllables)
	v := (local*7919 + 13) % (n * n)
	return capitalize(rootSyllables[v/n] + rootSyllables[v%n])
}

func countryName(local int) string {
	return countryRoot(local) + countrySuffixes[(local*31+5)%len(countrySuffixes)]
}

// demonym: "Belmarian", what people search for a country by.
func demonym(name string) string {
	switch {
	case strings.HasSuffix(name, "ia"):
		return name + "n"
	case strings.HasSuffix(name, "stan"):
		return strings.TrimSuffix(name, "stan") + "stani"
	case strings.HasSuffix(name, "land"):
		return name + "er"
	default:
		return name + "ian"
	}
}

// acronym takes the initials of the significant words: "Belmaria
// Telecommunication Authority" is BTA.
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch w {
		case "of", "and", "the", "for", "on", "in":
			continue
		}
		if r := []rune(w)[0]; unicode.IsUpper(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pick returns an element of list chosen by r.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
