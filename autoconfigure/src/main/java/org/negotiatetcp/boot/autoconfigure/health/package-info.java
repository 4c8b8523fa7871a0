/**
 * Auto-configuration of the Negotiate TCP health indicator.
 */
@NullMarked
package org.negotiatetcp.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
