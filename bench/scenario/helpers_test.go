package scenario_test

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func runCypher(ctx context.Context, driver neo4j.DriverWithContext, db, q string) (int64, error) {
	r, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return 0, err
	}
	n, _, err := neo4j.GetRecordValue[int64](r.Records[0], "documents")
	return n, err
}
