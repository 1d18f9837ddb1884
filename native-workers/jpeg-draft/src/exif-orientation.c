// The EXIF orientation tag (0x0112) from IFD0 of an Exif block, as Pillow's getexif() reads it for
// ImageOps.exif_transpose: any damage or absence means "as stored" (1), never an error, since the picture
// itself is still fine. Every read is bounds-checked against the block.
#include "jpeg-draft.h"

#include <stdint.h>

static unsigned read16(const unsigned char *p, int little) {
  return little ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static uint32_t read32(const unsigned char *p, int little) {
  return little ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
                : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

int fb_exif_orientation(const unsigned char *tiff, size_t size) {
  if (size < 8) return 1;
  int little;
  if (tiff[0] == 'I' && tiff[1] == 'I') little = 1;
  else if (tiff[0] == 'M' && tiff[1] == 'M') little = 0;
  else return 1;
  if (read16(tiff + 2, little) != 42) return 1;
  const uint32_t ifd = read32(tiff + 4, little);
  if (ifd > size - 2) return 1;
  const unsigned entries = read16(tiff + ifd, little);
  for (unsigned i = 0; i < entries; i++) {
    const size_t at = (size_t)ifd + 2 + (size_t)i * 12;
    if (at + 12 > size) return 1;
    if (read16(tiff + at, little) != 0x0112) continue;
    const unsigned type = read16(tiff + at + 2, little);
    // SHORT as the standard says; LONG from writers that get it wrong, which Pillow reads too.
    const uint32_t value = type == 3 ? read16(tiff + at + 8, little) : type == 4 ? read32(tiff + at + 8, little) : 0;
    return value >= 1 && value <= 8 ? (int)value : 1;
  }
  return 1;
}
