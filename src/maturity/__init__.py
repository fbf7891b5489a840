"""The working toolkit of the National Procurement Strategy for Local Government in England 2018."""
