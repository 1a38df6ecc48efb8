package corenlp

// WithProperty sets one request property, or removes it when value is "",
// for tests that measure other pipelines than diplograph's.
func WithProperty(key, value string) Option {
	return func(c *Client) { c.props[key] = value }
}
