package extract

import "github.com/diplograph/diplograph/internal/extract/text"

var textNormalize = text.Normalize
