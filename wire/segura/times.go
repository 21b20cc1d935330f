package segura

import (
	"fmt"
	"strings"
	"time"
)

// DateTimeLayout is how Segura writes start and end: "YYYY-MM-DD
// HH:MM:SS" in the appliance's local time, with no zone, although its
// documents call it ISO 8601.
const DateTimeLayout = "2006-01-02 15:04:05"

// MaxClockHours bounds the hours of a duration ParseClock reads, so that
// the seconds fit an int everywhere; the vendor's schema asks for two or
// more digits.
const MaxClockHours = 99999

// ParseDateTime reads a start or end strictly, as UTC.
func ParseDateTime(s string) (time.Time, error) {
	t, err := time.Parse(DateTimeLayout, s)
	if err != nil || len(s) != len(DateTimeLayout) {
		return time.Time{}, fmt.Errorf("%q is not a date and time as YYYY-MM-DD HH:MM:SS", s)
	}
	return t, nil
}

// AppendDateTime appends unix seconds as "YYYY-MM-DD HH:MM:SS" (UTC),
// years 0 to 9999. It is written by hand because time.Format dominates
// the cost of a generated record.
func AppendDateTime(dst []byte, unix int64) []byte {
	days := unix / 86400
	secs := int(unix % 86400)
	if secs < 0 {
		secs += 86400
		days--
	}
	y, m, d := civilFromDays(days)
	yy := int(y)
	dst = append(dst, byte('0'+yy/1000%10), byte('0'+yy/100%10), byte('0'+yy/10%10), byte('0'+yy%10), '-')
	dst = append2(dst, m)
	dst = append(dst, '-')
	dst = append2(dst, d)
	dst = append(dst, ' ')
	return AppendClock(dst, secs)
}

// AppendClock appends a duration of fewer than 100 hours, in seconds, as
// HH:MM:SS, the form of "time".
func AppendClock(dst []byte, secs int) []byte {
	dst = append2(dst, secs/3600)
	dst = append(dst, ':')
	dst = append2(dst, secs/60%60)
	dst = append(dst, ':')
	return append2(dst, secs%60)
}

// FormatClock formats a duration of any length, rounded down to the
// second, as HH:MM:SS with at least two digits of hours; a negative one
// gets a leading "-".
func FormatClock(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%s%02d:%02d:%02d", neg, s/3600, s/60%60, s%60)
}

// ParseClock reads a duration HH:MM:SS, with two to five digits of hours.
func ParseClock(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a duration as HH:MM:SS", s)
	h, rest, ok1 := strings.Cut(s, ":")
	mm, ss, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 || len(h) < 2 || len(h) > 5 || len(mm) != 2 || len(ss) != 2 {
		return 0, bad
	}
	var v [3]int
	for k, part := range [3]string{h, mm, ss} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, bad
			}
			v[k] = v[k]*10 + int(part[i]-'0')
		}
	}
	if v[1] > 59 || v[2] > 59 {
		return 0, bad
	}
	return time.Duration(v[0])*time.Hour + time.Duration(v[1])*time.Minute + time.Duration(v[2])*time.Second, nil
}

// civilFromDays converts days since 1970-01-01 to a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}
