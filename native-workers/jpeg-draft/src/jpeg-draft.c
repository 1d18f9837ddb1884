// libjpeg's DCT-scaled decode, set up as Pillow sets it up for a draft (JpegImagePlugin.draft, then
// libImaging/JpegDecode.c with scale > 1 and draft = 0): same scale choice, same output colour space, every
// other setting left at libjpeg's default. libjpeg reports fatal errors by calling error_exit, which must not
// return, so it longjmps back here with the message and the data is refused instead of the process aborting.
#include "jpeg-draft.h"

#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

// A progressive JPEG may hold thousands of tiny scans, each a pass over the whole image: a file built to take
// minutes. Real encoders write about ten; libjpeg-turbo's own tools offer the same kind of limit (-maxscans).
#define MAX_SCANS 1000

typedef struct {
  struct jpeg_error_mgr pub;
  struct jpeg_progress_mgr progress;
  jmp_buf escape;
  int too_many_scans;
  fb_jpeg_draft *out;
} error_manager;

static void on_error(j_common_ptr cinfo) {
  error_manager *err = (error_manager *)cinfo->err;
  if (err->too_many_scans) snprintf(err->out->message, FB_JPEG_MESSAGE_MAX, "more than %d progressive scans", MAX_SCANS);
  else (*cinfo->err->format_message)(cinfo, err->out->message);
  longjmp(err->escape, 1);
}

static void on_progress(j_common_ptr cinfo) {
  error_manager *err = (error_manager *)cinfo->err;
  if (((j_decompress_ptr)cinfo)->input_scan_number > MAX_SCANS) {
    err->too_many_scans = 1;
    (*cinfo->err->error_exit)(cinfo);
  }
}

// Level -1 is a warning (damaged data libjpeg decoded around); higher levels are trace output, dropped.
static void on_message(j_common_ptr cinfo, int level) {
  error_manager *err = (error_manager *)cinfo->err;
  if (level != -1) return;
  err->out->warnings++;
  if (cinfo->err->msg_code == JWRN_JPEG_EOF) err->out->premature_end = 1;
  if (err->out->message[0] == '\0') (*cinfo->err->format_message)(cinfo, err->out->message);
}

/** Pillow: scale = min(W // w, H // h), then the first of 8, 4, 2, 1 not above it. */
static int draft_scale(int stored_w, int stored_h, int request_w, int request_h) {
  const int a = stored_w / request_w, b = stored_h / request_h;
  const int most = a < b ? a : b;
  for (int s = 8; s > 1; s /= 2)
    if (most >= s) return s;
  return 1;
}

// Every local that changes after setjmp and is read after the longjmp is volatile, as C requires.
// Pillow keeps the first APP1 segment that starts "Exif\0\0" as the image's EXIF.
static int orientation_of(j_decompress_ptr cinfo) {
  for (jpeg_saved_marker_ptr m = cinfo->marker_list; m; m = m->next) {
    if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
      return fb_exif_orientation(m->data + 6, m->data_length - 6);
    }
  }
  return 1;
}

fb_jpeg_status fb_jpeg_draft_decode(const unsigned char *data, size_t size, int request_w, int request_h, int gray,
                                    double max_pixels, fb_jpeg_alloc alloc, void *alloc_ctx, fb_jpeg_draft *out) {
  struct jpeg_decompress_struct cinfo;
  error_manager err;
  volatile fb_jpeg_status status = FB_JPEG_OK;

  memset(out, 0, sizeof *out);
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = on_error;
  err.pub.emit_message = on_message;
  err.progress.progress_monitor = on_progress;
  err.too_many_scans = 0;
  err.out = out;
  if (setjmp(err.escape)) {
    jpeg_destroy_decompress(&cinfo);
    return FB_JPEG_CORRUPT; // out->pixels, if allocated already, is the caller's to free
  }
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &err.progress;
  jpeg_mem_src(&cinfo, data, (unsigned long)size);
  jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&cinfo, TRUE);
  out->orientation = orientation_of(&cinfo);

  out->stored_width = (int)cinfo.image_width;
  out->stored_height = (int)cinfo.image_height;
  if ((double)cinfo.image_width * (double)cinfo.image_height > max_pixels) {
    status = FB_JPEG_TOO_MANY_PIXELS;
  } else if (cinfo.num_components == 1) {
    cinfo.out_color_space = JCS_GRAYSCALE;
  } else if (cinfo.num_components == 3 && cinfo.jpeg_color_space != JCS_CMYK && cinfo.jpeg_color_space != JCS_YCCK) {
    // Pillow's draft turns an "RGB" tile into "L" by asking libjpeg for grayscale (the decoded Y for YCbCr data).
    cinfo.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  } else {
    status = FB_JPEG_NOT_DRAFTABLE;
  }
  if (status != FB_JPEG_OK) {
    jpeg_destroy_decompress(&cinfo);
    return status;
  }

  const int turned = out->orientation >= 5;
  out->scale = draft_scale(out->stored_width, out->stored_height, turned ? request_h : request_w, turned ? request_w : request_h);
  if (out->scale > 1) {
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned int)out->scale;
  }
  jpeg_start_decompress(&cinfo);
  out->width = (int)cinfo.output_width;
  out->height = (int)cinfo.output_height;
  out->channels = cinfo.output_components;
  const size_t stride = (size_t)out->width * (size_t)out->channels;
  out->pixels = alloc(alloc_ctx, stride * (size_t)out->height);
  if (!out->pixels) {
    jpeg_destroy_decompress(&cinfo);
    return FB_JPEG_NO_MEMORY;
  }
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out->pixels + (size_t)cinfo.output_scanline * stride;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return status;
}
