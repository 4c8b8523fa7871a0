/**
 * Tests of the object security auto-configuration.
 */
@NullMarked
package org.negotiatetcp.boot.acl.autoconfigure;

import org.jspecify.annotations.NullMarked;
