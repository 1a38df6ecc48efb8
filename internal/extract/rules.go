package extract

import "context"

// relate runs coreference and the relation rules over every sentence, in
// text order.
func (d *document) relate(ctx context.Context) error {
	return nil
}
