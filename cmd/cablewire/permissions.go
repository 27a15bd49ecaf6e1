package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
)

func init() {
	register("nats-permissions", "print the NATS permissions each stage's user needs (a server authorization block)", runNATSPermissions)
}

// natsPermissions is what one role's NATS user may publish and subscribe
// to: exactly the subjects the code uses, JetStream API calls included.
type natsPermissions struct {
	Publish, Subscribe []string
}

// roles are the processes a deployment runs, by the name of their user.
var roles = []string{"ingest", "serve", "parse", "enrich", "parse+enrich", "sink", "dlq"}

// rolePermissions lists, for a role in pipeline t, the subjects its
// process publishes (its outputs, dead letters, acks and JetStream API
// requests) and subscribes to (its reply inbox). inbox is the reply prefix
// the role connects with (--nats-inbox-prefix), "_INBOX" by default.
func rolePermissions(t schemas.Topology, role, inbox string) natsPermissions {
	api := func(s string, args ...any) string { return "$JS.API." + fmt.Sprintf(s, args...) }
	// Every command checks the account has JetStream. Ingest creates or
	// updates every stream of the pipeline (idempotent); a worker only
	// binds the streams it uses (STREAM.INFO) and waits until they exist.
	pub := []string{api("INFO")}
	decl := stages.Topology(t, stages.Options{})
	ensure := func() {
		for _, s := range decl.Streams {
			pub = append(pub, api("STREAM.UPDATE.%s", s.Name), api("STREAM.CREATE.%s", s.Name))
		}
	}
	consume := func(name string) pipeline.Stage {
		st, err := decl.Stage(name)
		if err != nil {
			panic(err) // roles name the topology's stages
		}
		used, _ := decl.StreamsOf([]string{name})
		for _, s := range used {
			pub = append(pub, api("STREAM.INFO.%s", s.Name))
		}
		c := st.Consumer
		pub = append(pub,
			api("CONSUMER.CREATE.%s.%s.%s", c.Stream, c.Durable, c.FilterSubject),
			api("CONSUMER.INFO.%s.%s", c.Stream, c.Durable),
			api("CONSUMER.MSG.NEXT.%s.%s", c.Stream, c.Durable),
			fmt.Sprintf("$JS.ACK.%s.%s.>", c.Stream, c.Durable),
		)
		if st.Output != "" {
			pub = append(pub, st.Output)
		}
		return st
	}
	switch role {
	case "ingest":
		ensure()
		pub = append(pub, t.Subject(schemas.KindRaw), t.DeadLetterSubject("ingest"))
	case "serve":
		// Ingest's, and GET /v1/cables/{id}'s reads: each work queue's
		// messages by sequence, and the dead letters.
		ensure()
		pub = append(pub, t.Subject(schemas.KindRaw), t.DeadLetterSubject("ingest"))
		for _, k := range []string{schemas.KindRaw, schemas.KindParsed, schemas.KindEnriched, schemas.KindDLQ} {
			pub = append(pub, api("STREAM.INFO.%s", t.Stream(k)), api("STREAM.MSG.GET.%s", t.Stream(k)))
		}
	case "parse":
		consume(stages.Parse)
		pub = append(pub, t.DeadLetterSubject("parse"))
	case "enrich":
		consume(stages.Enrich)
		pub = append(pub, t.DeadLetterSubject("enrich"))
	case "parse+enrich":
		// Chained: parse's consumer, enrich's output; it dead-letters as
		// the link that failed.
		consume(stages.ParseEnrich)
		pub = append(pub, t.DeadLetterSubject("parse"), t.DeadLetterSubject("enrich"))
	case "sink":
		consume(stages.Sink)
		pub = append(pub, t.DeadLetterSubject("sink"))
	case "dlq":
		// Finds the pipeline with dead letters (stream names) unless
		// told, lists them, replays each to the subject it failed on, then
		// deletes it. It creates nothing.
		dlq := t.Stream(schemas.KindDLQ)
		pub = append(pub,
			api("STREAM.NAMES"),
			api("STREAM.INFO.%s", dlq),
			api("STREAM.MSG.GET.%s", dlq),
			api("STREAM.MSG.DELETE.%s", dlq),
			t.Subject(schemas.KindRaw), t.Subject(schemas.KindParsed), t.Subject(schemas.KindEnriched))
	default:
		panic("unknown role " + role)
	}
	return natsPermissions{Publish: pub, Subscribe: []string{inbox + ".>"}}
}

// inboxFor is the reply prefix README recommends for a role's user.
func inboxFor(role string) string {
	return "_INBOX_" + strings.ReplaceAll(role, "+", "_")
}

// authorizationBlock is a nats-server authorization block with one user
// per role of pipeline t, each limited to its permissions and to its own
// inbox; the passwords are environment variables the server reads at
// start.
func authorizationBlock(t schemas.Topology) string {
	var b strings.Builder
	b.WriteString("authorization {\n  users: [\n")
	for _, role := range roles {
		p := rolePermissions(t, role, inboxFor(role))
		fmt.Fprintf(&b, "    { user: %q, password: $%s, permissions: {\n", role, passwordVar(role))
		fmt.Fprintf(&b, "        publish: { allow: [\n%s        ] }\n", quoteLines(p.Publish, "          "))
		fmt.Fprintf(&b, "        subscribe: { allow: [\n%s        ] }\n    } }\n", quoteLines(p.Subscribe, "          "))
	}
	b.WriteString("  ]\n}\n")
	return b.String()
}

// passwordVar names the environment variable holding a role's password
// (plain or a bcrypt hash) on the server.
func passwordVar(role string) string {
	return "CABLEWIRE_" + strings.ToUpper(strings.ReplaceAll(role, "+", "_")) + "_PASSWORD"
}

func quoteLines(ss []string, indent string) string {
	var b strings.Builder
	for _, s := range ss {
		fmt.Fprintf(&b, "%s%q\n", indent, s)
	}
	return b.String()
}

func runNATSPermissions(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("nats-permissions", stderr, "[--pipeline NAME]")
	name := fs.String("pipeline", schemas.DefaultPipeline, "the pipeline whose subjects the users may use")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	t, err := schemas.NewTopology(*name)
	if err != nil {
		return fmt.Errorf("%w: --pipeline: %v", errUsage, err)
	}
	fmt.Fprintf(stdout, "# Users for cablewire's stages in pipeline %q, each with exactly the subjects it uses.\n", t.Pipeline)
	fmt.Fprintln(stdout, "# Connect each with --nats-user ROLE --nats-inbox-prefix _INBOX_ROLE; the server")
	fmt.Fprintln(stdout, "# reads the passwords (plain or bcrypt) from the variables named here.")
	fmt.Fprint(stdout, authorizationBlock(t))
	return nil
}
