package synth_test

import (
	"fmt"
	"strings"

	"github.com/cablewire/cablewire/stages/synth"
)

func Example() {
	g := synth.New(synth.Options{Count: 3, Seed: 1})
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		fmt.Println(c.RefID, c.Created.Format("2006-01-02 15:04"), c.Classification, "|", c.Origin)
		fmt.Println("  ", strings.SplitN(c.Body, "\n", 2)[0])
	}
	// Output:
	// 07BAGHDAD2541 2007-03-22 02:39 CONFIDENTIAL | Embassy Baghdad
	//    C O N F I D E N T I A L BAGHDAD 002541
	// 08BAGHDAD2747 2008-06-11 15:15 CONFIDENTIAL | Embassy Baghdad
	//    C O N F I D E N T I A L BAGHDAD 002747
	// 09ABUJA2169 2009-09-15 12:47 UNCLASSIFIED | Embassy Abuja
	//    UNCLAS ABUJA 002169
}
