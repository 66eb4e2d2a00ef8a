package neo4jstore

import "net/url"

// RedactURI returns a Bolt URI fit for a log or a message: without the
// user and password it may carry (bolt://user:secret@host becomes
// bolt://host), and with nothing of it when it does not parse.
func RedactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(a malformed URI)"
	}
	u.User = nil
	return u.String()
}
