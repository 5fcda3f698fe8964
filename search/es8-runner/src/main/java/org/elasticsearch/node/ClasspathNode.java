/*
 * An Elasticsearch 8 node whose plugins come from the classpath, which is what the test
 * framework's MockNode is, without it: MockNode reaches ESTestCase, whose random source exists
 * only inside a randomized test runner ("failed to invoke RandomizedContext#getRandom"). In
 * Elasticsearch's package because the node's construction hooks are package-private.
 */
package org.elasticsearch.node;

import java.util.Collection;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

public class ClasspathNode extends Node {
    public ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment environment, Settings settings) {
                return new ClasspathPluginsService(settings, environment, plugins);
            }
        }, true));
    }
}
