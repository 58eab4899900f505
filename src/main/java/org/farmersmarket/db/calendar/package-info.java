/** The biodynamic planting calendar: periods that favour root, flower, leaf or fruit crops, or none. */
package org.farmersmarket.db.calendar;
