/**
 * Actuator health of a Negotiate TCP server: listener, service credential and, optionally, the KDC.
 */
@NullMarked
package org.negotiatetcp.boot.health;

import org.jspecify.annotations.NullMarked;
