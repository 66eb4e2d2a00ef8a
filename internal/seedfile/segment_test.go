package seedfile

import (
	"os"
	"path"
	"slices"
	"testing"
)

func texts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

// TestSegmentRules: one case for each rule of Segment.
func TestSegmentRules(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"two sentences", "It grew. It shrank.", []string{"It grew.", "It shrank."}},
		{"titles before a name", "In his address, Prof. Dr. Muhammad Iqbal Choudhary spoke. He left.",
			[]string{"In his address, Prof. Dr. Muhammad Iqbal Choudhary spoke.", "He left."}},
		{"month abbreviations and dates", "He visits from Feb. 3-4 with a delegation. Ties date from Feb. 24, 1992.\nNext line.",
			[]string{"He visits from Feb. 3-4 with a delegation.", "Ties date from Feb. 24, 1992.", "Next line."}},
		{"a bracketed rank", "Major General (R) Hafeez Ur Rehman spoke.", []string{"Major General (R) Hafeez Ur Rehman spoke."}},
		{"initials and dotted abbreviations", "J. R. Smith met U.S. officials, e.g. envoys. Then left.",
			[]string{"J. R. Smith met U.S. officials, e.g. envoys.", "Then left."}},
		{"a quote ended by its attribution", "“We are 79th,” he informed. “Now, we are 40th.”",
			[]string{"“We are 79th,” he informed.", "“Now, we are 40th.”"}},
		{"a quote holding two sentences", "“Now, we are 40th globally. This means we advanced.” He smiled.",
			[]string{"“Now, we are 40th globally.", "This means we advanced.”", "He smiled."}},
		{"no break before lower case or inside a number", "Trade was $53.7 million. it is said so.",
			[]string{"Trade was $53.7 million. it is said so."}},
		{"headline lines stand alone", "A headline without a stop\nShort Url\nUpdated 17 December 2024\nFollow\n\nBody text.",
			[]string{"A headline without a stop", "Short Url", "Updated 17 December 2024", "Follow", "Body text."}},
		{"bullets lose their marker and stand alone", "  • First point\n  • Second point\nISLAMABAD: Body.",
			[]string{"First point", "Second point", "ISLAMABAD: Body."}},
		{"a caption and its credit", "He attends the session on December 17, 2024. (COMSTECH)\nShort Url",
			[]string{"He attends the session on December 17, 2024.", "(COMSTECH)", "Short Url"}},
		{"a sentence broken across a blank line", "They met. The minister visited\n\nPakistan in 2025 to talk.\u00a0\n\nNext.",
			[]string{"They met.", "The minister visited Pakistan in 2025 to talk.", "Next."}},
		{"a line continued in lower case", "The OIC comprises\nfifty-seven Muslim countries and\nfour observers.",
			[]string{"The OIC comprises fifty-seven Muslim countries and four observers."}},
		{"non-breaking and repeated spaces fold", "the\u00a0inaugural   session.", []string{"the inaugural session."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Segment(tc.text)
			if !slices.Equal(texts(got), tc.want) {
				t.Errorf("Segment(%q) =\n%q\nwant\n%q", tc.text, texts(got), tc.want)
			}
			checkOffsets(t, tc.text, got)
		})
	}
}

// checkOffsets: each sentence is its span of the raw text, folded, and
// the spans are in order without overlap.
func checkOffsets(t *testing.T, text string, ss []Sentence) {
	t.Helper()
	rs, prev := []rune(text), 0
	for _, s := range ss {
		if s.Start < prev || s.End <= s.Start || s.End > len(rs) {
			t.Fatalf("span [%d,%d) of %q after %d in a text of %d", s.Start, s.End, s.Text, prev, len(rs))
		}
		if got := fold(string(rs[s.Start:s.End])); got != s.Text {
			t.Errorf("span [%d,%d) is %q, not %q", s.Start, s.End, got, s.Text)
		}
		prev = s.End
	}
}

// TestSegmentArticles: both articles of the seed, sentence by sentence.
func TestSegmentArticles(t *testing.T) {
	for file, want := range map[string][]string{
		"2024-12-17-oic-cybersecurity-centre-of-excellence.txt": {
			"Pakistan proposes cybersecurity center of excellence to bolster digital security for OIC nations",
			"Pakistan Telecommunication Authority (PTA) Chairman Major General (R) Hafeez Ur Rehman (center sitting) attends the inaugural session of a two-day international workshop on \"Cybersecurity Landscape in OIC Countries: Issues and Prospects\" in Islamabad, Pakistan, on December 17, 2024.",
			"(COMSTECH)",
			"Short Url",
			"Updated 17 December 2024",
			"Follow",
			"Pakistan proposes cybersecurity center of excellence to bolster digital security for OIC nations",
			"Two-day workshop on cybersecurity challenges and opportunities for OIC nations is being hosted in Islamabad",
			"PTA chief informs the gathering Pakistan ranks among the top 40 nations in the Global Cybersecurity Index 2024",
			"ISLAMABAD: Pakistan’s telecom regulator on Tuesday proposed the establishment of a center of excellence at the Organization of Islamic Cooperation (OIC) to address cybersecurity challenges and ensure a secure digital future for its members.",
			"The OIC is an intergovernmental organization comprising 57 Muslim countries.",
			"Established in 1969, it aims to promote unity, solidarity and cooperation among member states on political, economic, cultural and scientific issues.",
			"The proposal to set up the center of excellence on cybersecurity was presented by Pakistan Telecommunication Authority (PTA) Chairman Major General (R) Hafeez Ur Rehman as he addressed the inaugural session of a two-day international workshop focusing on the issue that started earlier in the day.",
			"The workshop, jointly organized by the OIC Standing Committee on Scientific and Technological Cooperation (COMSTECH) and Huawei Technologies in Pakistan, has attracted over 300 participants from various countries, both in person and online.",
			"Discussions focus on critical cybersecurity challenges and opportunities for OIC member countries.",
			"“Cybersecurity is a subject which cannot be handled alone by an organization or a country,” Rehman said at the workshop.",
			"“We need collaborations by joining hands with each other, and we should establish a center of excellence at the OIC level to ensure a safe digital future for our people.”",
			"The PTA chairman said that in an era where technology was pervasive, digitization had increased vulnerabilities, making it essential to adopt and deploy technologies that ensure safety, security and the protection of critical networks.",
			"“In this collaboration, we can focus on research, training, sharing frameworks with each other and documenting our collective experiences,” he added.",
			"Rehman highlighted that the PTA had developed vital regulations to guide the country’s telecom sector in protecting critical data infrastructure.",
			"He also pointed out that Pakistan currently ranks among the top 40 countries, according to the Global Cybersecurity Index (GCI) 2024 issued by the International Telecommunication Union (ITU).",
			"“Previously, we were ranked 79th in the world,” he informed.",
			"“Now, we are 40th globally.",
			"This means we have advanced by nearly 30 positions in the cybersecurity domain.”",
			"In his address, Prof. Dr. Muhammad Iqbal Choudhary, Coordinator General of COMSTECH, proposed an OIC ministerial conference on cybersecurity to facilitate experience sharing and the development of robust cyber defense systems across the Muslim world.",
			"“To take this initiative forward, COMSTECH will organize two global cybersecurity forums in Central Asia and Africa in collaboration with Huawei and OIC-CERT [[Computer Emergency Response Team], focusing on capacity building and fostering linkages,” he added.",
			"Sun Xiaofei, Chief Executive Officer of Huawei Technologies Pakistan, underscored the critical role played by tech firms in advancing cybersecurity initiatives and enhancing digital resilience.",
			"“Huawei is committed to supporting OIC countries as they work to tackle cybersecurity challenges and protect their digital economies,” he said.",
			"“Being a technological leader in ICT, Huawei not only invests in cutting-edge technologies but also prioritizes securing the ecosystem, keeping cybersecurity at the top of its agenda.”",
			"“Working with COMSTECH and OIC-CERT, we aim to help OIC countries formulate policies and frameworks to implement cybersecurity initiatives using our global experience and advanced technology,” he added.",
		},
		"2026-02-02-kazakhstan-president-state-visit.txt": {
			"Kazakhstan president to explore trade, connectivity cooperation in first state visit to Pakistan tomorrow",
			"Updated 02 February 2026",
			"Follow",
			"Kazakhstan president to explore trade, connectivity cooperation in first state visit to Pakistan tomorrow",
			"Kazakhstan President Kassym-Jomart Tokayev to visit Pakistan from Feb. 3-4 with high-level delegation, says Pakistan’s foreign office",
			"Kazakh president to meet Pakistani counterpart, hold talks with PM Shehbaz Sharif and address Pakistan-Kazakhstan Business Forum",
			"ISLAMABAD: Kazakhstan President Kassym-Jomart Tokayev will explore bilateral cooperation with Pakistan in trade, regional connectivity, logistics and other sectors when he undertakes his first state visit to the country this week, Pakistan’s foreign office said on Monday.",
			"Tokayev will arrive in Pakistan leading a high-level delegation comprising senior cabinet ministers and high-ranking officials from Feb. 3-4, the Pakistani foreign office said in a statement.",
			"Tokayev is expected to meet his Pakistani counterpart President Asif Ali Zardari, hold talks with Prime Minister Shehbaz Sharif and address the Pakistan-Kazakhstan Business Forum during the visit, the foreign office said.",
			"“The visit will provide the two sides an important and timely opportunity to undertake a comprehensive review of bilateral relations, discuss new avenues for broadening cooperation, particularly in trade, logistics, regional connectivity, people-to-people contacts, and explore collaboration at regional and international forums,” the statement said.",
			"The foreign office said Tokayev’s visit reflects the strengthening bonds between Pakistan and Kazakhstan, their mutual commitment to transforming historic and cultural affinities into robust cooperation, as well as their common desire for peace and progress in the region.",
			"Relations between Pakistan and Kazakhstan are rooted in shared Islamic heritage and a growing strategic partnership, with Pakistan offering landlocked Central Asian republics access to southern seaports for global trade.",
			"Pakistan was among the first countries to recognize Kazakhstan when it gained independence in December 1991 and formally established diplomatic relations with it on Feb. 24, 1992.",
			"The two countries have held regular interactions over the past couple of years on the sidelines of the Shanghai Cooperation Organization (SCO) meetings and other international events.",
			"Kazakhstan’s Deputy Prime Minister Murat Nurtleu visited Pakistan in September 2025 to discuss economic and trade cooperation with Islamabad.",
			"Islamabad and Astana engage with each other to promote business and political ties via three forums mainly, which are: Bilateral Political Consultations, the Intergovernmental Joint Commission on Trade, Economic, Scientific, Technological and Cultural Cooperation, and the Joint Business Council.",
			"According to the government of Kazakhstan, bilateral trade between the two countries amounted to $53.7 million in 2024.",
			"Pakistan’s main exports to Kazakhstan include citrus fruits, pharmaceutical products, garments, soap, sports equipment and gear and others.",
			"Kazakhstan’s exports to Pakistan primarily include onions and garlic, dried leguminous vegetables, oats, buckwheat and other cereal grains, seeds and fruits of other oil-bearing crops, among others.",
		},
	} {
		text, err := os.ReadFile(path.Join("../../seed/sources", file))
		if err != nil {
			t.Fatal(err)
		}
		got := Segment(string(text))
		if !slices.Equal(texts(got), want) {
			for i := range max(len(got), len(want)) {
				var g, w string
				if i < len(got) {
					g = got[i].Text
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Errorf("%s: sentence %d is\n%q\nwant\n%q", file, i, g, w)
					break
				}
			}
		}
		checkOffsets(t, string(text), got)
	}
}
