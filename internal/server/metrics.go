package server

import (
	"net/http"
	"regexp"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/diplograph/diplograph/internal/supervise"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (no global state: two servers in one process do not collide).
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	roundTrips prometheus.Counter

	mu  sync.Mutex
	ops map[string]bool
}

// maxOperations bounds the operation label's values: operation names come
// from clients, and unbounded label values would grow memory without end.
const maxOperations = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func newMetrics(checks []Check) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplograph_graphql_requests_total", Help: "GraphQL operations served, by operation name.",
		}, []string{"operation"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "diplograph_graphql_request_duration_seconds", Help: "GraphQL operation latency, by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplograph_graphql_errors_total", Help: "GraphQL errors returned, by extensions.code.",
		}, []string{"code"}),
		roundTrips: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "diplograph_neo4j_round_trips_total", Help: "Cypher queries sent to Neo4j by the read side.",
		}),
		ops: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.latency, m.errors, m.roundTrips,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	var watched []Check
	for _, c := range checks {
		if c.Status != nil {
			watched = append(watched, c)
		}
	}
	if len(watched) > 0 {
		m.reg.MustRegister(serviceCollector(watched))
	}
	var pooled []Check
	for _, c := range checks {
		if c.Members != nil {
			pooled = append(pooled, c)
		}
	}
	if len(pooled) > 0 {
		m.reg.MustRegister(memberCollector(pooled))
	}
	return m
}

var (
	memberUpDesc = prometheus.NewDesc("diplograph_service_member_up",
		"1 when a server behind a dependency (a CoreNLP server of a pool) takes work.", []string{"service", "url"}, nil)
	memberInFlightDesc = prometheus.NewDesc("diplograph_service_member_in_flight",
		"Requests a server behind a dependency is working on.", []string{"service", "url"}, nil)
	memberRequestsDesc = prometheus.NewDesc("diplograph_service_member_requests_total",
		"Requests sent to a server behind a dependency.", []string{"service", "url"}, nil)
	memberFailuresDesc = prometheus.NewDesc("diplograph_service_member_failures_total",
		"Requests a server behind a dependency failed.", []string{"service", "url"}, nil)
)

// memberCollector reads the servers behind the dependencies at each scrape.
type memberCollector []Check

func (c memberCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{memberUpDesc, memberInFlightDesc, memberRequestsDesc, memberFailuresDesc} {
		ch <- d
	}
}

func (c memberCollector) Collect(ch chan<- prometheus.Metric) {
	for _, chk := range c {
		for _, m := range chk.Members() {
			up := 0.0
			if m.Healthy {
				up = 1
			}
			ch <- prometheus.MustNewConstMetric(memberUpDesc, prometheus.GaugeValue, up, chk.Name, m.URL)
			ch <- prometheus.MustNewConstMetric(memberInFlightDesc, prometheus.GaugeValue, float64(m.InFlight), chk.Name, m.URL)
			ch <- prometheus.MustNewConstMetric(memberRequestsDesc, prometheus.CounterValue, float64(m.Requests), chk.Name, m.URL)
			ch <- prometheus.MustNewConstMetric(memberFailuresDesc, prometheus.CounterValue, float64(m.Failures), chk.Name, m.URL)
		}
	}
}

var (
	serviceStateDesc = prometheus.NewDesc("diplograph_service_state",
		"1 for the state each dependency is in (starting, up, down, restarting, failed), 0 for the others.",
		[]string{"service", "state"}, nil)
	serviceUpDesc = prometheus.NewDesc("diplograph_service_up",
		"1 when the dependency is up.", []string{"service"}, nil)
	serviceRestartsDesc = prometheus.NewDesc("diplograph_service_restarts_total",
		"Restarts of a dependency's process begun by this process's supervisor.", []string{"service"}, nil)
)

// serviceCollector reads the dependencies' watched state at each scrape.
type serviceCollector []Check

func (c serviceCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- serviceStateDesc
	ch <- serviceUpDesc
	ch <- serviceRestartsDesc
}

func (c serviceCollector) Collect(ch chan<- prometheus.Metric) {
	for _, chk := range c {
		st := chk.Status()
		for _, s := range supervise.States {
			v := 0.0
			if st.State == s {
				v = 1
			}
			ch <- prometheus.MustNewConstMetric(serviceStateDesc, prometheus.GaugeValue, v, chk.Name, string(s))
		}
		up := 0.0
		if st.State == supervise.Up || st.State == supervise.Busy {
			up = 1 // busy serves, slowly
		}
		ch <- prometheus.MustNewConstMetric(serviceUpDesc, prometheus.GaugeValue, up, chk.Name)
		ch <- prometheus.MustNewConstMetric(serviceRestartsDesc, prometheus.CounterValue, float64(st.Restarts), chk.Name)
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// operationLabel returns name when it is a plausible operation name and
// the label has room, "other" otherwise.
func (m *metrics) operationLabel(name string) string {
	if name == "anonymous" || name == "unknown" {
		return name
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[name] {
		return name
	}
	if len(m.ops) >= maxOperations {
		return "other"
	}
	m.ops[name] = true
	return name
}
