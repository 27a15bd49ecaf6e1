package parse

import "testing"

func TestIsPageLine(t *testing.T) {
	for line, want := range map[string]bool{
		"MOSCOW 00004849 002 OF 003":          true,
		"COLOMBO 00000032 001.2 OF 003":       true,
		"NEW DELHI 00005135 003 OF 004":       true,
		"PAGE 02 STATE 123456":                true,
		"THE MINISTER SAID 2 OF 3 WOULD":      false,
		"COLOMBO 00000032 001.2.1 OF 003":     false,
		"Talks covered 3 of 4 issues in 2009": false,
	} {
		if got := isPageLine(line); got != want {
			t.Errorf("isPageLine(%q) = %v, want %v", line, got, want)
		}
	}
}
