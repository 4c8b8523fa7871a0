/**
 * Tests of object security over real channels, against the embedded KDC.
 */
@NullMarked
package org.negotiatetcp.boot.acl;

import org.jspecify.annotations.NullMarked;
