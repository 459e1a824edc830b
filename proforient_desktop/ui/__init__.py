"""The Qt window: screens, dialogs and the application start.

Only this package imports Qt. Widgets call services and never run SQL.
"""
