package pipeline

// Header is a message's headers. It is a plain map so that no NATS type
// leaks into stage code.
type Header map[string][]string

// Get returns the first value of key, or "".
func (h Header) Get(key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set replaces key's values with v.
func (h Header) Set(key, v string) { h[key] = []string{v} }

// Message is one message as the runtime hands it to a stage, or as a stage
// hands it back for publishing.
type Message struct {
	// ID is the de-duplication id (Nats-Msg-Id). Outputs must set it to an
	// id derived from the input's, so a retried input publishes nothing new.
	ID      string
	Subject string
	Header  Header
	Data    []byte
	// Value is the payload as a typed value, set by a stage that hands its
	// output on in the process (Chain) instead of encoding it: the next
	// link takes it as it is, and the runtime encodes it into Data (an
	// Encoder) only when the message leaves for the broker. So a chained
	// cable is encoded once between parse and the sink.
	Value any

	// Set by the runtime on received messages.
	Stream    string
	Seq       uint64 // stream sequence
	Delivered int    // delivery count, 1 on the first delivery

	raw ackHandle // the broker's handle; unexported so stages cannot ack
}

// HeaderMsgID is the broker's de-duplication header.
const HeaderMsgID = "Nats-Msg-Id"

// Encoder is a Value that encodes itself for the wire.
type Encoder interface {
	BinarySize() int
	AppendBinary(dst []byte) []byte
}

// Encode fills Data from Value, if Data is not set: what the runtime
// does before publishing.
func (m *Message) Encode() {
	if m.Data != nil {
		return
	}
	if e, ok := m.Value.(Encoder); ok {
		m.Data = e.AppendBinary(make([]byte, 0, e.BinarySize()))
	}
}
