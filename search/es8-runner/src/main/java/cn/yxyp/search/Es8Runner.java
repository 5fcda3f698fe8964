/*
 * A real Elasticsearch 8 node in one JVM, for CI's search contract tests and bench/search.py
 * (docs/search.md): Elasticsearch's server and Netty transport from Maven Central, started as
 * the test framework starts its nodes, listening on loopback only. Run by
 *   mvn -q -f search/es8-runner/pom.xml compile exec:exec -Drunner.base=DIR -Drunner.port=9211
 * It prints "node is green" when it serves, and stops with its JVM.
 */
package cn.yxyp.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

public class Es8Runner {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Settings settings = Settings.builder()
            // A name of its own: a node left over from another run on the machine must not join.
            .put("cluster.name", "yxyp-es8-" + ProcessHandle.current().pid())
            .put("node.name", "es8-node-1")
            .put("path.home", base.toString())
            .put("path.data", base.resolve("data").toString())
            .put("path.logs", base.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", port + 100)
            .put("discovery.type", "single-node")
            // CI machines run with little free disk; the watermarks would refuse the indexes.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        LogConfigurator.loadLog4jPlugins();
        LogConfigurator.configureWithoutConfig(settings);
        LogConfigurator.setNodeName("es8-node-1");
        Node node = new ClasspathNode(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "es8-node-1"),
            List.of(Netty4Plugin.class, WhitespaceTokenizerPlugin.class)
        );
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
        node.start();
        node.client().admin().cluster().health(new ClusterHealthRequest().waitForGreenStatus().timeout(TimeValue.timeValueMinutes(1))).get();
        System.out.println("node is green on http://127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
