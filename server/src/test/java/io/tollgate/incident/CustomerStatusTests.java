package io.tollgate.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import org.junit.jupiter.api.Test;

/** The status message of a tell-customers playbook step, from its template. */
class CustomerStatusTests {

  @Test
  void theMessageIsSupportsNoteInTheTemplate() {
    CustomerStatus s = CustomerStatus.of("octoshop", "1.4.0", "  Checkout is fast again.  ");
    assertThat(s.subject()).isEqualTo("Service status update: octoshop 1.4.0");
    assertThat(s.text())
        .isEqualTo(
            "Service status update: octoshop 1.4.0\n\nCheckout is fast again.\n\n"
                + "We will write again when anything changes.\n-- The octoshop support team");
  }

  @Test
  void withoutANoteThereIsNothingToSay() {
    assertThatThrownBy(() -> CustomerStatus.of("octoshop", "1.4.0", " "))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("note"));
  }
}
