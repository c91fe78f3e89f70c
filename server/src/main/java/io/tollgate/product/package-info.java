/** Products: their environments, their process, and who holds which role on them. */
package io.tollgate.product;
