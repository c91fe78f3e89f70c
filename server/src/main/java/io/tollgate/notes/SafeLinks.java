package io.tollgate.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.PostProcessor;

/**
 * Notes are written by people, so a link in them is a link only when it goes to an http(s) or
 * mailto address: any other (javascript:, data:, vbscript:, file:, ...) is shown as its text, and
 * such an image as its description. Relative links (no scheme) stay links.
 */
final class SafeLinks implements PostProcessor {

  static boolean safe(String destination) {
    if (destination == null) return true;
    String d = destination.strip().toLowerCase(Locale.ROOT);
    int colon = d.indexOf(':');
    if (colon < 0) return true;
    int cut = d.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = d.indexOf(c);
      if (i >= 0) cut = Math.min(cut, i);
    }
    if (colon > cut) return true; // a colon after the path starts: no scheme
    String scheme = d.substring(0, colon);
    return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto");
  }

  @Override
  public Node process(Node document) {
    List<Node> unsafe = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            if (!safe(link.getDestination())) unsafe.add(link);
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            if (!safe(image.getDestination())) unsafe.add(image);
            visitChildren(image);
          }
        });
    for (Node node : unsafe) {
      Node child = node.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        node.insertBefore(child);
        child = next;
      }
      node.unlink();
    }
    return document;
  }
}
