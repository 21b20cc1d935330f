package contractcli

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/contracttest"
)

// The JUnit XML layout that CI systems (Jenkins, GitLab, GitHub actions that
// publish test results) read: one test suite per vendor, one test case per
// check.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	// CDATA keeps the evidence readable where a CI system shows it raw.
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// writeJUnit writes the reports as one JUnit XML document.
func writeJUnit(w io.Writer, reports ...contracttest.Report) error {
	doc := junitSuites{Name: "sessionmock contract"}
	var total time.Duration
	for _, rep := range reports {
		s := junitSuite{
			Name:      rep.Vendor,
			Tests:     rep.Summary.Total,
			Failures:  rep.Summary.Failed,
			Skipped:   rep.Summary.Skipped,
			Time:      seconds(rep.Duration.Std()),
			Timestamp: rep.StartedAt.UTC().Format("2006-01-02T15:04:05"),
			Properties: []junitProperty{
				{Name: "base_url", Value: rep.BaseURL},
				{Name: "requests", Value: fmt.Sprint(rep.Requests)},
			},
		}
		s.Properties = append(s.Properties, junitProperty{Name: "bytes_read", Value: fmt.Sprint(rep.BytesRead)})
		if rep.APIVersion > 0 {
			s.Properties = append(s.Properties, junitProperty{Name: "api_version", Value: fmt.Sprint(rep.APIVersion)})
		}
		if rep.SeguraRelease > 0 {
			s.Properties = append(s.Properties, junitProperty{Name: "segura_release", Value: fmt.Sprint(rep.SeguraRelease)})
		}
		for _, r := range rep.Checks {
			c := junitCase{Classname: rep.Vendor, Name: r.ID, Time: seconds(r.Duration.Std())}
			switch r.Status {
			case contracttest.Failed:
				c.Failure = &junitFailure{Message: r.Reason, Type: r.ID, Text: xmlSafe(failureText(r))}
			case contracttest.Skipped:
				c.Skipped = &junitSkipped{Message: r.Reason}
			default:
				c.SystemOut = r.Title + ": " + r.Reason
			}
			s.Cases = append(s.Cases, c)
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Skipped += s.Skipped
		total += rep.Duration.Std()
		doc.Suites = append(doc.Suites, s)
	}
	doc.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode JUnit report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// failureText is the evidence of a failed check as the CI system shows it.
func failureText(r contracttest.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", r.Title, r.Description)
	for _, e := range r.Evidence {
		if !e.OK {
			writeEvidence(&b, e, "", len(e.Body)+3)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// xmlSafe replaces the characters XML 1.0 does not allow, which a body
// excerpt may hold; encoding/xml does that for text and attributes, not for
// CDATA.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r',
			r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}
