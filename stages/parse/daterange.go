package parse

import (
	"fmt"
	"time"
)

// MinYear and MaxYear bound the creation years the parser accepts (the
// cables span 1966-2010; the margin is for misdated copies). A date-time
// group outside them is not taken for one, and a cable whose only
// creation date lies outside them is an error: a partition of year 0000
// or 9999 is always a broken input, never a cable.
var MinYear, MaxYear = 1950, 2030

func yearInRange(y int) bool { return y >= MinYear && y <= MaxYear }

// dateProblem says why a cable has no usable creation date, for the
// error the stage dead-letters: a date-time group or container date that
// is out of range or not a date. "" when there is nothing to say.
type dateProblem struct {
	dtg  string // a date-time group line whose year is out of range
	meta string // the container's date as written, when it is not a date
}

func (p dateProblem) reason(created time.Time) string {
	switch {
	case !created.IsZero() && !yearInRange(created.Year()):
		return fmt.Sprintf("creation date %s outside the accepted years %d-%d", created.Format("2006-01-02"), MinYear, MaxYear)
	case created.IsZero() && p.dtg != "":
		return fmt.Sprintf("date-time group %q has a year outside %d-%d", p.dtg, MinYear, MaxYear)
	case created.IsZero() && p.meta != "":
		return fmt.Sprintf("creation date %q is not a valid date", p.meta)
	}
	return ""
}
