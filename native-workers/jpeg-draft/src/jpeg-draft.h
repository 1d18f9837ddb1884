// A JPEG decoded at reduced size the way Pillow's Image.draft(mode, size) asks libjpeg for it.
#ifndef FB_JPEG_DRAFT_H
#define FB_JPEG_DRAFT_H

#include <stddef.h>

#define FB_JPEG_MESSAGE_MAX 200 /* libjpeg's JMSG_LENGTH_MAX */

typedef enum {
  FB_JPEG_OK = 0,
  FB_JPEG_CORRUPT,          // libjpeg refused the data; message says why
  FB_JPEG_TOO_MANY_PIXELS,  // the header's size is over the caller's limit; nothing was decoded
  FB_JPEG_NOT_DRAFTABLE,    // CMYK/YCCK or another layout Pillow's draft does not make RGB or L from
  FB_JPEG_NO_MEMORY,        // the caller's allocator gave nothing
} fb_jpeg_status;

typedef struct {
  int stored_width, stored_height; // the frame's size in the file, before scaling and before EXIF orientation
  int width, height, channels;     // what was decoded: ceil(stored / scale), 1 (gray) or 3 (RGB)
  int scale;                       // 1, 2, 4 or 8
  int orientation;                 // EXIF orientation 1-8 from the first Exif APP1 segment (1 when none)
  int warnings;                    // libjpeg warnings (damaged but decodable data)
  int premature_end;               // one of them was "Premature end of JPEG file": the data stops early
  unsigned char *pixels;           // from the allocator, width × height × channels, top row first; the caller's
                                   // to free whatever the status (NULL when nothing was allocated)
  char message[FB_JPEG_MESSAGE_MAX];
} fb_jpeg_draft;

/** Gives `bytes` bytes that stay valid after the call, or NULL. */
typedef unsigned char *(*fb_jpeg_alloc)(void *ctx, size_t bytes);

/**
 * Decodes data[0..size) scaled by 1/s, s the largest of 8, 4, 2, 1 with s <= min(W / request_w, H / request_h)
 * (integer division, as Pillow's JpegImageFile.draft), with libjpeg's defaults otherwise (JDCT_ISLOW, fancy
 * upsampling). gray asks for one channel: libjpeg's own colour conversion, as draft('L') does. The request
 * is the upright picture's size: for a file stored on its side (EXIF orientation 5-8) it is read as
 * request_h × request_w, as core/io/jpeg-draft.ts defines it.
 */
fb_jpeg_status fb_jpeg_draft_decode(const unsigned char *data, size_t size, int request_w, int request_h, int gray,
                                    double max_pixels, fb_jpeg_alloc alloc, void *alloc_ctx, fb_jpeg_draft *out);

/** The EXIF orientation (1-8) in a TIFF-structured Exif block, or 1 when it has none or it is damaged. */
int fb_exif_orientation(const unsigned char *tiff, size_t size);

#endif
