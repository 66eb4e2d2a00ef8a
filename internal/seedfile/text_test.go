package seedfile

import "testing"

func TestSentences(t *testing.T) {
	for s, want := range map[string]int{
		"In his address, Prof. Dr. Muhammad Iqbal Choudhary proposed a conference.": 1,
		"He spoke ... Then he left.":                                   1,
		"Tokayev will visit from Feb. 3-4 with a delegation.":          1,
		"It grew. It shrank.":                                          2,
		"“Previously, we were ranked 79th in the world,” he informed.": 1,
		"“We are 40th.” He smiled.":                                    2,
	} {
		if got := sentences(s); got != want {
			t.Errorf("sentences(%q) = %d, want %d", s, got, want)
		}
	}
}
