/*
 * A two-node OpenSearch 2 cluster in one JVM for CI's node-loss test (docs/search.md):
 * node 1 is cluster manager and data node (HTTP on base port + 1), node 2 a data node only
 * (base port + 2), so losing node 2 never leaves the cluster without its manager. Node 2 stops
 * when the file <base>/stop-node-2 appears, as if its machine went away. Run by
 *   mvn -q -f search/engine-runner/pom.xml exec:exec@cluster -Drunner.base=DIR
 * (single-file source launch: the classpath is the runner's, nothing is compiled to disk).
 */
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class ClusterRunner {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int port = Integer.parseInt(args[1]);
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            if (number == 2) {
                settings.putList("node.roles", "data", "ingest");
            }
        });
        // A name of its own: nodes left over from another run on the machine must not join.
        String name = "yxyp-" + ProcessHandle.current().pid();
        runner.build(OpenSearchRunner.newConfigs().basePath(base).numOfNode(2).baseHttpPort(port)
                .clusterName(name).printOnFailure());
        runner.ensureGreen();
        System.out.println("cluster of " + runner.getNodeSize() + " nodes is green");
        Path stop = Path.of(base, "stop-node-2");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
        while (true) {
            if (Files.exists(stop) && !runner.getNode(1).isClosed()) {
                runner.getNode(1).close();
                System.out.println("node 2 stopped");
            }
            Thread.sleep(200);
        }
    }
}
