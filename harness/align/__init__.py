"""Reference building: raw document pair -> cleaned, segmented, sentence-aligned reference set."""
