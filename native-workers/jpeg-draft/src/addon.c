// The Node-API face of jpeg-draft.c: decode(bytes, requestWidth, requestHeight, gray, maxPixels) and
// decodeAsync(…same…) → Promise, each giving { status, storedWidth, storedHeight, width, height, channels,
// scale, orientation, warnings, prematureEnd, message, data }. The requested size is the upright picture's:
// the decoder turns it for a file stored on its side (EXIF orientation 5-8), as core/io/jpeg-draft.ts says. The async form decodes on libuv's thread pool, so a worker
// can decode the next photo while it runs the network on this one (as sharp does). Pixels end up in a
// JavaScript ArrayBuffer (Electron refuses external buffers), and every libjpeg failure comes back as a status
// with libjpeg's message, for the caller to word for the user.
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jpeg-draft.h"

typedef struct {
  const unsigned char *bytes;
  size_t length;
  int32_t request_w, request_h;
  bool gray;
  double max_pixels;
} arguments;

// Reads and checks the five arguments; on failure a JavaScript exception is pending and 0 is returned.
static int read_arguments(napi_env env, napi_callback_info info, arguments *a, napi_value *bytes_value) {
  napi_value argv[5];
  size_t argc = 5;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) {
    napi_throw_type_error(env, NULL, "jpeg-draft: decode takes 5 arguments");
    return 0;
  }
  bool is = false;
  napi_typedarray_type type;
  void *bytes = NULL;
  if (napi_is_typedarray(env, argv[0], &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, argv[0], &type, &a->length, &bytes, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "jpeg-draft: bytes must be a Uint8Array");
    return 0;
  }
  a->bytes = bytes;
  *bytes_value = argv[0];
  if (napi_get_value_int32(env, argv[1], &a->request_w) != napi_ok || napi_get_value_int32(env, argv[2], &a->request_h) != napi_ok ||
      a->request_w < 1 || a->request_h < 1) {
    napi_throw_range_error(env, NULL, "jpeg-draft: the requested size must be whole numbers of at least 1");
    return 0;
  }
  if (napi_get_value_bool(env, argv[3], &a->gray) != napi_ok || napi_get_value_double(env, argv[4], &a->max_pixels) != napi_ok) {
    napi_throw_type_error(env, NULL, "jpeg-draft: gray must be a boolean and maxPixels a number");
    return 0;
  }
  return 1;
}

static int set_int(napi_env env, napi_value object, const char *name, int value) {
  napi_value v;
  return napi_create_int32(env, value, &v) == napi_ok && napi_set_named_property(env, object, name, v) == napi_ok;
}

static const char *STATUS_NAMES[] = {"ok", "corrupt", "too-many-pixels", "not-draftable", "no-memory"};

// The result object; `buffer` holds the pixels when status is ok (else it is ignored and data is null).
static napi_value result_object(napi_env env, fb_jpeg_status status, const fb_jpeg_draft *d, napi_value buffer) {
  napi_value result, text, data;
  if (napi_create_object(env, &result) != napi_ok) return NULL;
  if (napi_create_string_utf8(env, STATUS_NAMES[status], NAPI_AUTO_LENGTH, &text) != napi_ok ||
      napi_set_named_property(env, result, "status", text) != napi_ok ||
      napi_create_string_utf8(env, d->message, NAPI_AUTO_LENGTH, &text) != napi_ok ||
      napi_set_named_property(env, result, "message", text) != napi_ok) {
    return NULL;
  }
  if (!set_int(env, result, "storedWidth", d->stored_width) || !set_int(env, result, "storedHeight", d->stored_height) ||
      !set_int(env, result, "width", d->width) || !set_int(env, result, "height", d->height) ||
      !set_int(env, result, "channels", d->channels) || !set_int(env, result, "scale", d->scale) ||
      !set_int(env, result, "orientation", d->orientation) ||
      !set_int(env, result, "warnings", d->warnings) || !set_int(env, result, "prematureEnd", d->premature_end)) {
    return NULL;
  }
  if (status == FB_JPEG_OK && buffer) {
    const size_t n = (size_t)d->width * (size_t)d->height * (size_t)d->channels;
    if (napi_create_typedarray(env, napi_uint8_array, n, buffer, 0, &data) != napi_ok) return NULL;
  } else if (napi_get_null(env, &data) != napi_ok) {
    return NULL;
  }
  if (napi_set_named_property(env, result, "data", data) != napi_ok) return NULL;
  return result;
}

// ---- decode: on the calling thread, straight into an ArrayBuffer ----

typedef struct {
  napi_env env;
  napi_value buffer; // the ArrayBuffer the pixels went into, or NULL
} js_allocation;

static unsigned char *allocate_js(void *ctx, size_t bytes) {
  js_allocation *a = ctx;
  void *data = NULL;
  if (napi_create_arraybuffer(a->env, bytes, &data, &a->buffer) != napi_ok) {
    // A failed allocation leaves a pending RangeError; the status reports it instead.
    napi_value ignored;
    napi_get_and_clear_last_exception(a->env, &ignored);
    a->buffer = NULL;
    return NULL;
  }
  return data;
}

static napi_value decode(napi_env env, napi_callback_info info) {
  arguments a;
  napi_value bytes_value;
  if (!read_arguments(env, info, &a, &bytes_value)) return NULL;
  js_allocation allocation = {env, NULL};
  fb_jpeg_draft d;
  const fb_jpeg_status status = fb_jpeg_draft_decode(a.bytes, a.length, a.request_w, a.request_h, a.gray, a.max_pixels, allocate_js, &allocation, &d);
  return result_object(env, status, &d, allocation.buffer);
}

// ---- decodeAsync: on libuv's pool into malloc'd memory, copied into an ArrayBuffer when done ----

typedef struct {
  arguments a;
  napi_ref bytes_ref; // keeps the input alive while another thread reads it
  napi_deferred deferred;
  napi_async_work work;
  fb_jpeg_status status;
  fb_jpeg_draft d;
} job;

static unsigned char *allocate_heap(void *ctx, size_t bytes) {
  return malloc(bytes > 0 ? bytes : 1);
}

static void execute(napi_env env, void *data) {
  job *j = data;
  j->status = fb_jpeg_draft_decode(j->a.bytes, j->a.length, j->a.request_w, j->a.request_h, j->a.gray, j->a.max_pixels, allocate_heap, NULL, &j->d);
}

static void complete(napi_env env, napi_status work_status, void *data) {
  job *j = data;
  napi_value buffer = NULL, result = NULL, error;
  if (work_status == napi_ok && j->status == FB_JPEG_OK) {
    const size_t n = (size_t)j->d.width * (size_t)j->d.height * (size_t)j->d.channels;
    void *pixels = NULL;
    if (napi_create_arraybuffer(env, n, &pixels, &buffer) == napi_ok) {
      memcpy(pixels, j->d.pixels, n);
    } else {
      napi_value ignored;
      napi_get_and_clear_last_exception(env, &ignored);
      j->status = FB_JPEG_NO_MEMORY;
    }
  }
  if (work_status == napi_ok) result = result_object(env, j->status, &j->d, buffer);
  if (result) {
    napi_resolve_deferred(env, j->deferred, result);
  } else {
    napi_value message;
    napi_create_string_utf8(env, "jpeg-draft: the decode could not report its result", NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &error);
    napi_reject_deferred(env, j->deferred, error);
  }
  free(j->d.pixels);
  napi_delete_reference(env, j->bytes_ref);
  napi_delete_async_work(env, j->work);
  free(j);
}

static napi_value decode_async(napi_env env, napi_callback_info info) {
  job *j = calloc(1, sizeof *j);
  napi_value bytes_value, promise, name;
  if (!j) {
    napi_throw_error(env, NULL, "jpeg-draft: out of memory");
    return NULL;
  }
  if (!read_arguments(env, info, &j->a, &bytes_value)) {
    free(j);
    return NULL;
  }
  if (napi_create_reference(env, bytes_value, 1, &j->bytes_ref) != napi_ok ||
      napi_create_promise(env, &j->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, "jpeg-draft decode", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_async_work(env, NULL, name, execute, complete, j, &j->work) != napi_ok ||
      napi_queue_async_work(env, j->work) != napi_ok) {
    // Only when the engine is out of memory or shutting down; what was made is left to it.
    free(j);
    napi_throw_error(env, NULL, "jpeg-draft: could not start the decode");
    return NULL;
  }
  return promise;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "decode", NAPI_AUTO_LENGTH, decode, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "decode", fn) != napi_ok ||
      napi_create_function(env, "decodeAsync", NAPI_AUTO_LENGTH, decode_async, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "decodeAsync", fn) != napi_ok) {
    return NULL;
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
