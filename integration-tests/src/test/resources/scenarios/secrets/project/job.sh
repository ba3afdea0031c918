#!/usr/bin/env bash
echo "the secret is $SPARKY_IT_SECRET"
echo "length ${#SPARKY_IT_SECRET}"
