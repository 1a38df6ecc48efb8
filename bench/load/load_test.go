package load

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestHTTPCountsGraphQLErrors(t *testing.T) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if n%2 == 0 {
			w.Write([]byte(`{"errors":[{"message":"boom"}]}`))
			return
		}
		w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	step := Step{Rate: 100, Duration: 500 * time.Millisecond, Warmup: 100 * time.Millisecond, Timeout: time.Second, Workers: 8}
	check := func(b []byte) error {
		if string(b) != `{"data":{}}` {
			return errors.New("graphql error")
		}
		return nil
	}
	st, err := HTTP(context.Background(), step, []vegeta.Target{{Method: "POST", URL: srv.URL}}, check)
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests < 40 || st.Errors < 15 || st.Errors > st.Requests-15 {
		t.Errorf("requests %d errors %d: want about 50 and 25", st.Requests, st.Errors)
	}
}

func TestFuncKeepsTheRate(t *testing.T) {
	step := Step{Rate: 200, Duration: 500 * time.Millisecond, Timeout: time.Second, Workers: 8}
	st, err := Func(context.Background(), step, func(ctx context.Context, seq uint64) error {
		time.Sleep(time.Millisecond)
		if seq%10 == 0 {
			return errors.New("every tenth fails")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests < 90 || st.Requests > 110 {
		t.Errorf("requests %d, want about 100", st.Requests)
	}
	if st.Errors < 8 || st.Errors > 12 {
		t.Errorf("errors %d, want about 10", st.Errors)
	}
	if st.P50 < time.Millisecond {
		t.Errorf("p50 %v below the 1ms the call takes", st.P50)
	}
}
