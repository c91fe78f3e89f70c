/** Users, API tokens (random, stored hashed), passwords and who is calling. */
package io.tollgate.identity;
