package io.tollgate.notify;

import io.tollgate.shared.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who an email goes to, one entry each: {@code role:<role>} (the product's members holding the
 * role), {@code user:<username>}, {@code stakeholders} (the product's stakeholder list), {@code
 * customers} (the product's customer list), {@code receiving-role} (for a handoff: the people of
 * the role it goes to), or a fixed address.
 */
public final class Audience {
  /** The people of the role a handoff goes to (for {@code handoff.*} events). */
  public static final String RECEIVING_ROLE = "receiving-role";

  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Audience() {}

  /** Whether the text is an email address Tollgate sends to. */
  public static boolean isAddress(String text) {
    return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
  }

  /** The entries checked; a bad one is refused with 422 naming the field ({@code field[2]}). */
  public static List<String> check(List<String> entries, String field) {
    if (entries == null || entries.isEmpty()) {
      throw Invalid.field(
          field,
          "Name at least one recipient: role:<role>, user:<username>, stakeholders, customers or"
              + " an address.");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i) == null ? "" : entries.get(i).strip();
      boolean ok =
          e.equals("stakeholders")
              || e.equals("customers")
              || e.equals(RECEIVING_ROLE)
              || (e.startsWith("role:") && KEY.matcher(e.substring(5)).matches())
              || (e.startsWith("user:") && KEY.matcher(e.substring(5)).matches())
              || isAddress(e);
      if (!ok) {
        throw Invalid.field(
            field + "[" + i + "]",
            "'"
                + e
                + "' is not a recipient: write role:<role>, user:<username>, stakeholders,"
                + " customers or an email address such as ops@example.com.");
      }
      if (!out.contains(e)) out.add(e);
    }
    return List.copyOf(out);
  }

  /** The most addresses one list (the stakeholders', the customers') may hold. */
  public static final int MAX_ADDRESSES = 1000;

  /**
   * A stakeholder or customer list checked: the addresses as given, stripped and without repeats;
   * refused (422 naming the entry) when one is not an address or the list is longer than {@link
   * #MAX_ADDRESSES}.
   */
  public static List<String> addresses(List<String> emails, String field) {
    if (emails == null) throw Invalid.field(field, "Give the list of addresses (may be empty).");
    if (emails.size() > MAX_ADDRESSES) {
      throw Invalid.field(
          field,
          "A list holds at most "
              + MAX_ADDRESSES
              + " addresses; this has "
              + emails.size()
              + ". Split it, or send to a mailing list's address.");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < emails.size(); i++) {
      String e = emails.get(i) == null ? "" : emails.get(i).strip();
      if (!isAddress(e)) {
        throw Invalid.field(
            field + "[" + i + "]", "'" + e + "' is not an email address such as ops@example.com.");
      }
      if (!out.contains(e)) out.add(e);
    }
    return List.copyOf(out);
  }
}
