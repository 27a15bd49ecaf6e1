package pipeline

// Middleware wraps a Handler with behaviour every stage shares, as
// watermill's router does: the runner builds each stage's handler as
// Timeout(Recover(h)), and a deployment may add its own (Use).
type Middleware func(Handler) Handler

// Use wraps h in mws, the first outermost.
func Use(h Handler, mws ...Middleware) Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
