// Package corenlpserver gives diplograph a Stanford CoreNLP server wherever
// it runs. CoreNLP is GPL v3+, so it only ever runs as a separate process
// that diplograph talks to over HTTP; nothing of it is linked in.
//
// Ensure tries, in order:
//
//  1. the server named by Options.URL (CORENLP_URL), e.g. docker-compose.yml's
//     corenlp service: only waited for (/ready) and watched, never started or stopped;
//  2. a JDK 17+ and Maven: CoreNLP Version with its English models, assembled
//     once from Maven Central (pom.xml, embedded; Dockerfile.corenlp uses the
//     same file) into <cache>/corenlp/<Version>/dist/lib, then run as a child
//     java process (edu.stanford.nlp.pipeline.StanfordCoreNLPServer).
//
// When neither is there, the error says what to install or set.
//
// A local instance has a name and a folder of its own under the cache
// (state.json, server.log). Attached instances die with the process that
// started them; detached ones outlive it and are found again by name
// (diplograph corenlp start|stop|status, and the tests through corenlptest).
// Their lifecycle (the Maven assembly, the file locks, the state file, the
// java child process, start, reuse, stop and restart, the command) is
// internal/jvmservice's, shared with neo4jserver; this package gives it
// CoreNLP's port, command line, readiness checks and warm-up.
//
// The server has no option to listen on one address only: it listens on
// every interface, on a port chosen per instance.
//
// # Measurements
//
// Taken on 2026-12-01 on the development machine: 2 shared cores, 24 GiB,
// OpenJDK 17.0.15, with other test suites running at the same time, so
// times vary by up to a factor of two between runs. The annotators are
// corenlp.Annotators, the request properties those of package corenlp (no
// SUTime, no numeric classifiers), the text a 20 KB English article (the seed corpus's
// one, extended to 20 KB).
//
//   - Assembly, 29 jars, 473 MB: 14–24 s with an empty Maven repository
//     (mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib
//     -DincludeScope=runtime -Dmaven.repo.local=$(mktemp -d) on pom.xml),
//     5–6 s with the jars already in ~/.m2.
//   - Start to /ready with -preload corenlp.Annotators (java -Xmx<heap> -cp lib/*
//     edu.stanford.nlp.pipeline.StanfordCoreNLPServer -port P -threads 2
//     -timeout 120000 -quiet -preload ..., then curl /ready every 0.2 s):
//     14–49 s with -Xmx3g, 28–32 s with 4g.
//   - First annotation request (pipeline load): 7.8–23 s with 3g, 17–28 s
//     with 4g, even after -preload, because NER with the request's settings
//     is another annotator than the preloaded default one: hence
//     Options.Warmup (corenlp.Warmup). After the warm-up, a sentence takes 0.1–0.2 s.
//   - The 20 KB article in one POST (curl --data-binary @text "base/?properties=..."):
//     7–22 s with 3g, 10–27 s with 4g; two such requests at once, 13 s (3g)
//     and 17 s (4g) each.
//   - Resident memory (VmRSS in /proc/PID/status): after the article,
//     3.2 GB with 3g and 4.3 GB with 4g; after two more at once, 3.3 GB and
//     4.4 GB. The JVM grows into the heap it is given.
//   - Heap in use after a full GC (jcmd PID GC.run; jcmd PID GC.heap_info):
//     1.9 GB with 3g or 4g (CoreNLP's soft caches included); with -Xmx2g it
//     still worked, at 1.1 GB after GC: the soft caches given up.
//
// So DefaultHeap is 3g, the smallest with room to spare: 2g runs close to
// its limit, and 4g is no faster but costs another gigabyte of RSS.
// DefaultThreads is 2, one per core of the machines diplograph targets.
package corenlpserver
