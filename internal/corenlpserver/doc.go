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
// The Maven assembly, the file locks, the java child process and the state
// file are internal/jvmservice's, shared with neo4jserver.
//
// # Measurements
//
// On the development machine (2 shared cores, 24 GiB, OpenJDK 17.0.15,
// other test suites running at the same time, so times vary by ±50%), with
// the annotators tokenize,ssplit,pos,lemma,ner,depparse and the request
// properties of Properties (no SUTime, no numeric classifiers):
//
//   - assembly: 29 jars, 473 MB; 14 s with an empty Maven repository
//     (mvn ... -Dmaven.repo.local=$(mktemp -d)), 5 s with the jars in ~/.m2;
//   - start to /ready with -preload of those annotators: 21 s (3g), 28 s (4g),
//     54 s (2g, under heavier load);
//   - first annotation request: 14 s (3g), 17 s (4g), 30 s (2g) even after
//     -preload, because NER with Properties' settings is another pipeline
//     than the preloaded default one: hence Options.Warmup, and WarmupWith;
//   - a 20 KB English article in one request: 7–17 s (3g), 14–27 s (4g);
//   - resident memory (VmRSS) after annotating it: 3.2 GB with -Xmx3g,
//     4.3 GB with -Xmx4g: the JVM grows into whatever heap it is given;
//   - live heap after a full GC (jcmd PID GC.heap_info): 1.1 GB.
//
// So DefaultHeap is 3g: the pipeline needs about 1.1 GB live, 2g also
// works but leaves little room for two threads parsing long sentences at
// once, and 4g only costs another gigabyte of RSS. DefaultThreads is 2, one
// per core. The commands are in the measurement notes of the change that
// introduced this package.
package corenlpserver
