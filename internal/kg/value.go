package kg

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date is known: "September 2025" is a month.
type Precision string

const (
	PrecisionYear  Precision = "YEAR"
	PrecisionMonth Precision = "MONTH"
	PrecisionDay   Precision = "DAY"
)

// Date is a calendar date known to a precision. Its text form is ISO 8601
// cut to the precision: "2025", "2025-09", "2025-09-14".
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" and checks the calendar.
func ParseDate(s string) (Date, error) {
	var d Date
	var err error
	switch len(s) {
	case 4:
		d.Precision = PrecisionYear
		if strings.Trim(s, "0123456789") != "" {
			err = fmt.Errorf("not a year") // Atoi takes "+202"
		} else {
			d.Year, err = strconv.Atoi(s)
		}
	case 7:
		d.Precision = PrecisionMonth
		var t time.Time
		t, err = time.Parse("2006-01", s)
		d.Year, d.Month = t.Year(), int(t.Month())
	case 10:
		d.Precision = PrecisionDay
		var t time.Time
		t, err = time.Parse("2006-01-02", s)
		d.Year, d.Month, d.Day = t.Year(), int(t.Month()), t.Day()
	default:
		err = fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if err != nil || d.Year < 1 {
		return Date{}, fmt.Errorf("malformed date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return d, nil
}

// MustDate is ParseDate for constants in code and tests.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) String() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// First is the first day the date covers, as YYYY-MM-DD ("2025" gives
// "2025-01-01"). Day strings compare correctly as text, which is how both
// stores compare dates.
func (d Date) First() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d-01-01", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d-01", d.Year, d.Month)
	default:
		return d.String()
	}
}

// Last is the last day the date covers, as YYYY-MM-DD ("2025-02" gives
// "2025-02-28").
func (d Date) Last() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d-12-31", d.Year)
	case PrecisionMonth:
		t := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
		return t.Format("2006-01-02")
	default:
		return d.String()
	}
}

// Money is an amount in a currency (ISO 4217 code). Value is in whole units
// of the currency: 53.7 million US dollars is {53700000, "USD"}.
type Money struct {
	Value    float64
	Currency string
}

// ParseMoney reads "53.7 million USD", "53700000 USD", "1.2 billion EUR".
func ParseMoney(s string) (Money, error) {
	fields := strings.Fields(s)
	bad := fmt.Errorf("malformed amount %q: want e.g. \"53.7 million USD\"", s)
	if len(fields) < 2 || len(fields) > 3 {
		return Money{}, bad
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return Money{}, bad
	}
	cur := fields[len(fields)-1]
	if len(fields) == 3 {
		scale, ok := map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}[fields[1]]
		if !ok {
			return Money{}, bad
		}
		v *= scale
	}
	if len(cur) != 3 || strings.ToUpper(cur) != cur {
		return Money{}, fmt.Errorf("malformed amount %q: currency must be an ISO 4217 code such as USD", s)
	}
	cents := math.Round(v * 100)
	if math.IsInf(cents, 0) { // too large for a float64 once scaled (found by FuzzRead)
		return Money{}, bad
	}
	return Money{Value: cents / 100, Currency: cur}, nil
}

func (m Money) String() string {
	return strconv.FormatFloat(m.Value, 'f', -1, 64) + " " + m.Currency
}

// Count is a number as a source states it: "over 300" is {300, "over"}.
type Count struct {
	Value     int
	Qualifier CountQualifier
}

// CountQualifier says how exact a count is.
type CountQualifier string

const (
	CountExact   CountQualifier = "exactly"
	CountOver    CountQualifier = "over"
	CountAtLeast CountQualifier = "at least"
	CountAbout   CountQualifier = "about"
	CountUnder   CountQualifier = "under"
	CountUpTo    CountQualifier = "up to"
)

var countQualifiers = []CountQualifier{CountOver, CountAtLeast, CountAbout, CountUnder, CountUpTo, CountExact}

// ParseCount reads "300", "over 300", "about 57", "at least 2".
func ParseCount(s string) (Count, error) {
	s = strings.TrimSpace(s)
	q := CountExact
	for _, cq := range countQualifiers {
		if rest, ok := strings.CutPrefix(s, string(cq)+" "); ok {
			q, s = cq, rest
			break
		}
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return Count{}, fmt.Errorf("malformed count %q: want a whole number, optionally after over, at least, about, under, up to", s)
	}
	return Count{Value: n, Qualifier: q}, nil
}

func (c Count) String() string {
	if c.Qualifier == CountExact || c.Qualifier == "" {
		return strconv.Itoa(c.Value)
	}
	return string(c.Qualifier) + " " + strconv.Itoa(c.Value)
}
