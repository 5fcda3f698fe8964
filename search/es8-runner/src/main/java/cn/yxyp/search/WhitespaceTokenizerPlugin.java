/*
 * The `whitespace` tokenizer the platform's index is built on (search/engines/remote.py: text
 * arrives segmented, so the cluster only splits on spaces and lowercases). Elasticsearch ships it
 * in its analysis-common module, which is part of the distribution and not published on Maven
 * Central; this registers Lucene's own WhitespaceTokenizer under the same name, as that module
 * does. The `lowercase` filter is in Elasticsearch's server itself.
 */
package cn.yxyp.search;

import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

public class WhitespaceTokenizerPlugin extends Plugin implements AnalysisPlugin {
    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        return List.of(PreConfiguredTokenizer.singleton("whitespace", WhitespaceTokenizer::new));
    }
}
