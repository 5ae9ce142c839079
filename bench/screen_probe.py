#!/usr/bin/env python3
"""Watches one pixel of the X screen ($DISPLAY's root window) and prints each change.

Usage: screen_probe.py X Y [PERIOD_MS]
Prints "<CLOCK_MONOTONIC ns> <pixel value>" whenever the pixel at (X, Y) changes, reading it
from the X server every PERIOD_MS (default 2) milliseconds, until stdin closes; and
"<ns> blind <ns>" when two reads were more than 20 ms apart (the probe got no CPU in time). The stall
bench paints a frame number into that pixel every pulse, so the changes say which frames
reached the screen and when (the same clock as Java's System.nanoTime on Linux).
"""
import ctypes
import select
import sys
import time

x, y = int(sys.argv[1]), int(sys.argv[2])
period = (float(sys.argv[3]) if len(sys.argv) > 3 else 2.0) / 1000

xlib = ctypes.cdll.LoadLibrary("libX11.so.6")
xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XDefaultRootWindow.restype = ctypes.c_ulong
xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
xlib.XGetImage.restype = ctypes.c_void_p
xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                           ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
xlib.XGetPixel.restype = ctypes.c_ulong
xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]

display = xlib.XOpenDisplay(None)
if not display:
    sys.exit("screen_probe: cannot open the X display")
root = xlib.XDefaultRootWindow(display)
ALL_PLANES, Z_PIXMAP = 0xFFFFFFFF, 2
BLIND_NS = 20_000_000


class XImage(ctypes.Structure):
    """The head of Xlib's XImage, up to its function table (f.destroy_image comes first there)."""
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong),
                ("obdata", ctypes.c_void_p), ("destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p))]


last, read_at = None, time.monotonic_ns()
while True:
    before = read_at
    read_at = time.monotonic_ns()
    if read_at - before > BLIND_NS:
        # the probe itself did not run (a loaded machine): a change in that time is seen late
        print(read_at, "blind", read_at - before, flush=True)
    image = xlib.XGetImage(display, root, x, y, 1, 1, ALL_PLANES, Z_PIXMAP)
    if image:
        value = xlib.XGetPixel(image, 0, 0)
        XImage.from_address(image).destroy_image(image)
        if value != last:
            print(time.monotonic_ns(), value, flush=True)
            last = value
    # stop when the bench closes our stdin (or goes away)
    if select.select([sys.stdin], [], [], period)[0] and not sys.stdin.read(1):
        break
