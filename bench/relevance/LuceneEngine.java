// Lucene's IndonesianAnalyzer (Elasticsearch's `indonesian`) as a relevance
// baseline: BM25, title boosted 2, the classic query syntax with OR between
// words (Elasticsearch's `match` default) or AND. Built and run by
// bench/relevance/run.py.
//
//   java LuceneEngine index DOCS.tsv DIR        # id \t title \t body a line
//   java LuceneEngine search DIR QUERIES.tsv K [and|or]
//                                               # qid \t query a line -> qid \t id \t score
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

public class LuceneEngine {
    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("index")) {
            index(args[1], args[2]);
        } else if (args.length >= 4 && args[0].equals("search")) {
            boolean and = args.length >= 5 && args[4].equals("and");
            search(args[1], args[2], Integer.parseInt(args[3]), and);
        } else {
            System.err.println("usage: index DOCS.tsv DIR | search DIR QUERIES.tsv K");
            System.exit(2);
        }
    }

    static void index(String docs, String dir) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(new IndonesianAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        int n = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(dir)), config);
             BufferedReader in = Files.newBufferedReader(Paths.get(docs), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split("\t", 3);
                if (cells.length < 3) continue;
                Document doc = new Document();
                doc.add(new StringField("id", cells[0], Field.Store.YES));
                doc.add(new TextField("title", cells[1], Field.Store.NO));
                doc.add(new TextField("body", cells[2], Field.Store.NO));
                writer.addDocument(doc);
                n++;
            }
        }
        System.err.println("lucene: " + n + " articles indexed");
    }

    static void search(String dir, String queries, int k, boolean and) throws Exception {
        Map<String, Float> boosts = new HashMap<>();
        boosts.put("title", 2.0f);
        boosts.put("body", 1.0f);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)));
             BufferedReader in = Files.newBufferedReader(Paths.get(queries), StandardCharsets.UTF_8)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split("\t", 2);
                MultiFieldQueryParser parser = new MultiFieldQueryParser(
                    new String[] {"title", "body"}, new IndonesianAnalyzer(), boosts);
                parser.setDefaultOperator(and ? QueryParser.Operator.AND : QueryParser.Operator.OR);
                Query query;
                try {
                    query = parser.parse(cells[1]);
                } catch (Exception e) {
                    System.err.println("lucene: cannot parse " + cells[1] + ": " + e.getMessage());
                    continue;
                }
                for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
                    String id = searcher.doc(hit.doc).get("id");
                    out.println(cells[0] + "\t" + id + "\t" + hit.score);
                }
            }
        }
    }
}
